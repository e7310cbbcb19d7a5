"""Server reflection under both names clients use: `grpc.reflection.v1` (grpcurl, buf curl) and `v1alpha`.

grpcio-reflection ships only v1alpha. The v1 service is the same protocol under a
new package, so the v1alpha servicer serves both, and a v1 copy of its descriptor
is added to the pool so that reflection can describe itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2
from grpc_reflection.v1alpha._async import ReflectionServicer

V1ALPHA = "grpc.reflection.v1alpha.ServerReflection"
V1 = "grpc.reflection.v1.ServerReflection"
_V1_FILE = "grpc/reflection/v1/reflection.proto"


def _ensure_v1_descriptor(pool: descriptor_pool.DescriptorPool) -> None:
    try:
        pool.FindFileByName(_V1_FILE)
        return
    except KeyError:
        pass
    proto = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(proto)
    proto.name = _V1_FILE
    proto.package = "grpc.reflection.v1"
    proto.options.Clear()
    for message in proto.message_type:
        for field in message.field:
            if field.type_name.startswith(".grpc.reflection.v1alpha."):
                field.type_name = field.type_name.replace(".v1alpha.", ".v1.", 1)
    for service in proto.service:
        for method in service.method:
            method.input_type = method.input_type.replace(".v1alpha.", ".v1.", 1)
            method.output_type = method.output_type.replace(".v1alpha.", ".v1.", 1)
    pool.Add(proto)


def enable(server: grpc.aio.Server, service_names: Iterable[str]) -> None:
    """Registers reflection v1 and v1alpha on `server`, listing `service_names` and themselves."""
    pool = descriptor_pool.Default()
    _ensure_v1_descriptor(pool)
    names = (*service_names, V1, V1ALPHA)
    servicer = ReflectionServicer(names)
    handler = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(V1ALPHA, {"ServerReflectionInfo": handler}),
            grpc.method_handlers_generic_handler(V1, {"ServerReflectionInfo": handler}),
        )
    )
