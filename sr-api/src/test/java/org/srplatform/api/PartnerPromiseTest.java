package org.srplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ProviderType;
import org.srplatform.api.security.User;

/**
 * What a bundle that imports only {@code org.srplatform.api.*} can do: call the platform's services on
 * behalf of a caller, whose visibility they apply. No repository, outbox, user directory or feature
 * switch is reachable from these packages; those are in {@code org.srplatform.spi.*}.
 */
class PartnerPromiseTest {
    /** Methods that hand out no SR, account or user data, so need no caller. */
    private static final Set<String> WITHOUT_CALLER = Set.of("IntakeService.fields");

    @Test
    void everyPlatformServiceOfThePublicApiTakesTheCaller() throws Exception {
        List<String> unchecked = new ArrayList<>();
        for (Class<?> type : publicApiTypes()) {
            if (!type.isInterface() || !type.isAnnotationPresent(ProviderType.class)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                boolean callerChecked = Stream.of(m.getParameterTypes()).anyMatch(User.class::equals);
                if (Modifier.isAbstract(m.getModifiers()) && !callerChecked
                        && !WITHOUT_CALLER.contains(type.getSimpleName() + "." + m.getName())) {
                    unchecked.add(type.getName() + "." + m.getName());
                }
            }
        }
        assertEquals(List.of(), unchecked, "public services without a caller: move them to org.srplatform.spi");
    }

    @Test
    void noStoreOrDirectoryIsPartOfThePublicApi() throws Exception {
        List<String> internal = new ArrayList<>();
        for (Class<?> type : publicApiTypes()) {
            String name = type.getSimpleName();
            if (name.endsWith("Repository") || name.equals("Outbox") || name.equals("UserDirectory")
                    || name.equals("Transactions") || name.equals("FeatureService")) {
                internal.add(type.getName());
            }
        }
        assertEquals(List.of(), internal);
    }

    private static List<Class<?>> publicApiTypes() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        Path api = root.resolve("org/srplatform/api");
        assertTrue(Files.isDirectory(api), "compiled API classes at " + api.toAbsolutePath());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(api)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.endsWith("package-info")) {
                    types.add(Class.forName(name));
                }
            }
        }
        assertTrue(types.size() > 20, "the API's classes were found");
        return types;
    }
}
