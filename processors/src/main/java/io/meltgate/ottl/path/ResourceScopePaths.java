package io.meltgate.ottl.path;

import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;

/** Paths of the {@code resource} and {@code instrumentation_scope} contexts. */
final class ResourceScopePaths {

    private ResourceScopePaths() {
    }

    static Expr resource(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("resource.attributes", c -> c.resource().getAttributesList(),
                    (c, kvs) -> c.resourceBuilder().clearAttributes().addAllAttributes(kvs)));
        }
        if (r.plain("dropped_attributes_count")) {
            return Fields.int64("resource.dropped_attributes_count", c -> c.resource().getDroppedAttributesCount(),
                    (c, v) -> c.resourceBuilder().setDroppedAttributesCount((int) v));
        }
        if (r.plain("schema_url")) {
            return Fields.string("resource.schema_url", c -> c.resourceSchemaUrl(), (c, v) -> c.resourceSchemaUrl(v));
        }
        return null;
    }

    static Expr scope(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("instrumentation_scope.attributes", c -> c.scope().getAttributesList(),
                    (c, kvs) -> c.scopeBuilder().clearAttributes().addAllAttributes(kvs)));
        }
        if (r.plain("name")) {
            return Fields.string("instrumentation_scope.name", c -> c.scope().getName(),
                    (c, v) -> c.scopeBuilder().setName(v));
        }
        if (r.plain("version")) {
            return Fields.string("instrumentation_scope.version", c -> c.scope().getVersion(),
                    (c, v) -> c.scopeBuilder().setVersion(v));
        }
        if (r.plain("dropped_attributes_count")) {
            return Fields.int64("instrumentation_scope.dropped_attributes_count",
                    c -> c.scope().getDroppedAttributesCount(),
                    (c, v) -> c.scopeBuilder().setDroppedAttributesCount((int) v));
        }
        if (r.plain("schema_url")) {
            return Fields.string("instrumentation_scope.schema_url", c -> c.scopeSchemaUrl(), (c, v) -> c.scopeSchemaUrl(v));
        }
        return null;
    }
}
