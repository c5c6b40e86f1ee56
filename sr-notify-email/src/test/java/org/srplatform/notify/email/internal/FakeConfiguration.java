package org.srplatform.notify.email.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component property type as DS builds it from configuration: {@code smtp_host()} reads {@code smtp.host}, a
 * missing key gives the method's default, and text (what a .cfg file holds) is converted to the method's type
 * when the method is called, failing then when it is not a number (as Felix SCR does).
 */
final class FakeConfiguration {
    private FakeConfiguration() {
    }

    static EmailConfig email(Map<String, ?> properties) {
        Class<EmailConfig> type = EmailConfig.class;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName();
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
            return to == String.class ? value.toString() : value;
        }
        if (to == int.class) {
            return Integer.parseInt(text.strip());
        }
        throw new IllegalArgumentException("no conversion of '" + text + "' to " + to);
    }
}
