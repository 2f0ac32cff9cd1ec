package io.meltgate.exporter.jaeger;

import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.meltgate.exporter.jaeger.proto.PostSpansRequest;
import io.meltgate.exporter.jaeger.proto.PostSpansResponse;

/**
 * Jaeger's {@code jaeger.api_v2.CollectorService/PostSpans}, declared by hand (what grpc-java's code
 * generator would emit for collector.proto): a unary call taking a batch of spans of one process.
 */
public final class JaegerGrpc {

    public static final String SERVICE_NAME = "jaeger.api_v2.CollectorService";

    public static final MethodDescriptor<PostSpansRequest, PostSpansResponse> POST_SPANS =
            MethodDescriptor.<PostSpansRequest, PostSpansResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "PostSpans"))
                    .setRequestMarshaller(ProtoUtils.marshaller(PostSpansRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(PostSpansResponse.getDefaultInstance()))
                    .setSampledToLocalTracing(false)
                    .build();

    private JaegerGrpc() {
    }
}
