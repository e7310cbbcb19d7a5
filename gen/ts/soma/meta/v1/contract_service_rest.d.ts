import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { type CallOptions, type RestTransport, type TransportOptions } from "../../../rest/index.js";
import { GetContractInfoRequestSchema, GetContractInfoResponseSchema } from "./contract_service_pb.js";
/**
 * REST bindings of soma.meta.v1.ContractService, from the google.api.http rules of its RPCs.
 */
export declare const ContractServiceRest: {
    readonly getContractInfo: {
        readonly name: "soma.meta.v1.ContractService.GetContractInfo";
        readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.meta.v1.GetContractInfoRequest">, {
            jsonType: import("./contract_service_pb.js").GetContractInfoRequestJson;
        }>;
        readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./contract_service_pb.js").GetContractInfoResponse, {
            jsonType: import("./contract_service_pb.js").GetContractInfoResponseJson;
        }>;
        readonly serverStreaming: false;
        readonly http: {
            readonly verb: "GET";
            readonly path: readonly ["/v1/contract"];
            readonly body: "";
        };
    };
};
/**
 * ContractService tells clients which contract version the mesh speaks, so
 * that they can refuse to run, or warn, before they make real calls.
 *
 * The REST client of soma.meta.v1.ContractService. Every call sends the bearer token, the contract version and
 * the client type, and fails with SomaRestError.
 */
export declare class ContractServiceClient {
    static readonly serviceName = "soma.meta.v1.ContractService";
    static readonly methods: {
        readonly getContractInfo: {
            readonly name: "soma.meta.v1.ContractService.GetContractInfo";
            readonly input: import("@bufbuild/protobuf/codegenv2").GenMessage<import("@bufbuild/protobuf").Message<"soma.meta.v1.GetContractInfoRequest">, {
                jsonType: import("./contract_service_pb.js").GetContractInfoRequestJson;
            }>;
            readonly output: import("@bufbuild/protobuf/codegenv2").GenMessage<import("./contract_service_pb.js").GetContractInfoResponse, {
                jsonType: import("./contract_service_pb.js").GetContractInfoResponseJson;
            }>;
            readonly serverStreaming: false;
            readonly http: {
                readonly verb: "GET";
                readonly path: readonly ["/v1/contract"];
                readonly body: "";
            };
        };
    };
    readonly transport: RestTransport;
    constructor(transport: RestTransport | TransportOptions);
    /**
     * Returns the contract versions of the mesh and the services it serves.
     * Public: it needs no token.
     *
     * `GET /v1/contract`
     */
    getContractInfo(request: MessageInitShape<typeof GetContractInfoRequestSchema>, options?: CallOptions): Promise<MessageShape<typeof GetContractInfoResponseSchema>>;
}
