package org.srplatform.notify.tsanet.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Typed configurations for tests, as DS makes them: keys with dots, defaults from the annotation. */
final class Annotations {
    private Annotations() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("annotationType")) {
                return type;
            }
            if (name.equals("toString") || name.equals("hashCode") || name.equals("equals")) {
                return name.equals("toString") ? type.getSimpleName() + values.keySet()
                        : name.equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            Object value = values.get(name.replace('_', '.'));
            if (value == null) {
                return method.getDefaultValue();
            }
            Class<?> returns = method.getReturnType();
            if (returns == int.class) {
                return Integer.valueOf(value.toString().strip()); // DS converts text; not a number throws
            }
            if (returns == boolean.class) {
                return Boolean.valueOf(value.toString().strip());
            }
            return value.toString();
        }));
    }
}
