// The REST runtime of @soma/proto: transport, bindings and the typed error. Import it as `@soma/proto/rest`.
// Hand-written; scripts/codegen.sh compiles it into gen/ts/rest/.
export { Code, SomaRestError, codeOfHttpStatus, errorFromResponse, isSomaRestError, } from "./errors.js";
export { CLIENT_TYPE_HEADER, CONTRACT_VERSION_HEADER, CONTRACT_WARNING_HEADER, REQUEST_ID_HEADER, RestTransport, encodeRequest, transportOf, } from "./transport.js";
