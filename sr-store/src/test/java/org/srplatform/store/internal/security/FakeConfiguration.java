package org.srplatform.store.internal.security;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component property type as DS builds it from configuration: {@code max_file_bytes()} reads
 * {@code max.file.bytes}, a missing key gives the method's default, and text (what a .cfg file holds)
 * is converted to the method's type.
 */
final class FakeConfiguration {
    private FakeConfiguration() {
    }

    static <A> A of(Class<A> type, Map<String, ?> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + properties;
                case "hashCode":
                    return properties.hashCode();
                case "equals":
                    return proxy == args[0];
                default:
                    Object value = properties.get(method.getName().replace('_', '.'));
                    return value == null ? method.getDefaultValue() : convert(value, method.getReturnType());
            }
        }));
    }

    private static Object convert(Object value, Class<?> to) {
        if (!(value instanceof String text) || to == String.class) {
            return value;
        }
        if (to == boolean.class) {
            return Boolean.parseBoolean(text.strip());
        }
        if (to == int.class) {
            return Integer.parseInt(text.strip());
        }
        if (to == long.class) {
            return Long.parseLong(text.strip());
        }
        throw new IllegalArgumentException("no conversion of '" + text + "' to " + to);
    }
}
