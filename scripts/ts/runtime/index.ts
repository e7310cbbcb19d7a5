// The REST runtime of @soma/proto: transport, bindings and the typed error. Import it as `@soma/proto/rest`.
// Hand-written; scripts/codegen.sh compiles it into gen/ts/rest/.

export {
  Code,
  type FieldViolation,
  SomaRestError,
  type SomaRestErrorInit,
  codeOfHttpStatus,
  errorFromResponse,
  isSomaRestError,
} from "./errors.js";
export {
  type CallOptions,
  CLIENT_TYPE_HEADER,
  CONTRACT_VERSION_HEADER,
  CONTRACT_WARNING_HEADER,
  type HttpBinding,
  type PathSegment,
  REQUEST_ID_HEADER,
  type RestMethod,
  RestTransport,
  type TokenProvider,
  type TransportOptions,
  encodeRequest,
  transportOf,
} from "./transport.js";
