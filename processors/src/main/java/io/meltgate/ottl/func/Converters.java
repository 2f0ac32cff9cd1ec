package io.meltgate.ottl.func;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageOrBuilder;
import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlEvalException;
import io.meltgate.ottl.eval.AnyValueExpr;
import io.meltgate.ottl.eval.BoolExpr;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.ValueType;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.MetricOrBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The converters (functions that compute a value) meltgate supports, with the Collector's semantics. */
final class Converters {

    private Converters() {
    }

    /** A converter from string to string usable as a function argument ({@code replace_pattern(..., SHA256)}). */
    static UnaryOperator<String> stringFunction(String name) {
        return switch (name) {
            case "SHA256" -> Converters::sha256;
            case "ToLowerCase" -> s -> s.toLowerCase(Locale.ROOT);
            case "ToUpperCase" -> s -> s.toUpperCase(Locale.ROOT);
            default -> null;
        };
    }

    static Expr isMatch(Expr target, Pattern pattern) {
        return (BoolExpr) ctx -> {
            Object v = target.eval(ctx);
            if (v == null) {
                return false;
            }
            String s = v instanceof String str ? str : matchable(v);
            return pattern.matcher(s).find();
        };
    }

    private static String matchable(Object v) {
        if (v instanceof KeyValueList || v instanceof ArrayValue) {
            throw new OttlEvalException("IsMatch cannot match a " + Values.typeOf(v).label());
        }
        return Values.asString(v);
    }

    /** IsString, IsInt, ...: a type test that reads an OTLP value in place. */
    static Expr isType(Expr target, AnyValue.ValueCase otlpCase, Class<?> javaType) {
        if (target instanceof AnyValueExpr a) {
            return (BoolExpr) ctx -> {
                AnyValue v = a.anyValue(ctx);
                return v != null && v.getValueCase() == otlpCase;
            };
        }
        return (BoolExpr) ctx -> javaType.isInstance(target.eval(ctx));
    }

    static Expr len(Expr target) {
        return typed(ValueType.INT, ctx -> {
            Object v = target.eval(ctx);
            if (v instanceof String s) {
                return (long) s.length();
            }
            if (v instanceof KeyValueList m) {
                return (long) m.getValuesCount();
            }
            if (v instanceof ArrayValue a) {
                return (long) a.getValuesCount();
            }
            if (v instanceof ByteString b) {
                return (long) b.size();
            }
            throw new OttlEvalException("Len cannot take a " + Values.typeOf(v).label());
        });
    }

    static Expr concat(List<Expr> values, String delimiter) {
        return typed(ValueType.STRING, ctx -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                Object v = values.get(i).eval(ctx);
                // Go's fmt.Sprint writes nil as <nil>; the Collector's Concat does the same.
                sb.append(v == null ? "<nil>" : Values.asString(v));
            }
            return sb.toString();
        });
    }

    static Expr toInt(Expr target) {
        return typed(ValueType.INT, ctx -> {
            Object v = target.eval(ctx);
            if (v instanceof Long) {
                return v;
            }
            if (v instanceof Double d) {
                return (long) (double) d;
            }
            if (v instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        });
    }

    static Expr toDouble(Expr target) {
        return typed(ValueType.DOUBLE, ctx -> {
            Object v = target.eval(ctx);
            if (v instanceof Double) {
                return v;
            }
            if (v instanceof Long l) {
                return (double) l;
            }
            if (v instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        });
    }

    static Expr toStringValue(Expr target) {
        return typed(ValueType.STRING, ctx -> Values.asString(target.eval(ctx)));
    }

    static Expr caseOf(Expr target, boolean upper) {
        return typed(ValueType.STRING, ctx -> {
            Object v = target.eval(ctx);
            if (!(v instanceof String s)) {
                throw new OttlEvalException((upper ? "ToUpperCase" : "ToLowerCase") + " needs a string, got "
                        + Values.typeOf(v).label());
            }
            return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        });
    }

    static Expr sha256(Expr target) {
        return typed(ValueType.STRING, ctx -> {
            Object v = target.eval(ctx);
            if (!(v instanceof String s)) {
                throw new OttlEvalException("SHA256 needs a string, got " + Values.typeOf(v).label());
            }
            return sha256(s);
        });
    }

    static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Values.hex(ByteString.copyFrom(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HasAttrKeyOnDatapoint / HasAttrOnDatapoint: whether any data point of the metric has the attribute. */
    static Expr hasAttrOnDatapoint(String key, String value) {
        return (BoolExpr) ctx -> {
            MetricOrBuilder m = ctx.metric();
            for (List<KeyValue> attrs : pointAttributes(m)) {
                AnyValue v = Values.lookup(attrs, key);
                if (v != null && (value == null || (v.hasStringValue() && v.getStringValue().equals(value)))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static List<List<KeyValue>> pointAttributes(MetricOrBuilder m) {
        List<? extends MessageOrBuilder> points = switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsList();
            case SUM -> m.getSum().getDataPointsList();
            case HISTOGRAM -> m.getHistogram().getDataPointsList();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsList();
            case SUMMARY -> m.getSummary().getDataPointsList();
            case DATA_NOT_SET -> List.of();
        };
        return points.stream().map(io.meltgate.ottl.func.Converters::attributesOf).toList();
    }

    private static List<KeyValue> attributesOf(MessageOrBuilder p) {
        if (p instanceof io.opentelemetry.proto.metrics.v1.NumberDataPointOrBuilder n) {
            return n.getAttributesList();
        }
        if (p instanceof io.opentelemetry.proto.metrics.v1.HistogramDataPointOrBuilder h) {
            return h.getAttributesList();
        }
        if (p instanceof io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPointOrBuilder e) {
            return e.getAttributesList();
        }
        if (p instanceof io.opentelemetry.proto.metrics.v1.SummaryDataPointOrBuilder s) {
            return s.getAttributesList();
        }
        return List.of();
    }

    static final java.util.Set<OttlContextKind> METRIC_ONLY = java.util.EnumSet.of(OttlContextKind.METRIC);

    private static Expr typed(ValueType type, Function<OttlContext, Object> f) {
        return new Expr() {
            @Override
            public Object eval(OttlContext ctx) {
                return f.apply(ctx);
            }

            @Override
            public ValueType type() {
                return type;
            }
        };
    }
}
