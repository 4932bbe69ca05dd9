package dev.lectern.core.aws;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Micronaut services a bean context loads at start, listed from the function's jar as a plain
 * zip directory. Micronaut's own scan opens the jar a second time as a zip file system to walk its
 * {@code META-INF/micronaut/} folders, for every service, the type converters included: about 50
 * more classes and a second read of the central directory, some 50 ms of a fresh JVM's start
 * (docs/performance.md, "Cold start"). The jar is already open for class loading, and the JDK
 * shares that open file with {@link JarFile}.
 *
 * <p>It fills the slot Micronaut AOT fills for the same purpose ({@link SoftServiceLoader.Optimizations}
 * in {@link StaticOptimizations}), once, before Micronaut loads any service ({@link #install()}, from
 * {@link LecternHandler}'s class initialisation); each service type in {@link #SERVICES} is then
 * answered from this index and not scanned. It applies only where one jar holds the function's
 * classes and every Micronaut service of the class path, as in a Lambda jar run whole; elsewhere
 * (Lambda's extracted package, tests on class folders, a class path of several jars) nothing is
 * installed and Micronaut scans as usual. ContextJarsIntegrationTest builds every function from its
 * jar and checks that the index is in force there.
 */
public final class JarServiceIndex {

    static final String MICRONAUT = "META-INF/micronaut/";
    static final String SERVICES_FOLDER = "META-INF/services/";

    /** What a bean context loads as it starts (found with -Xlog:class+load+cause on the zip file system). */
    static final List<String> SERVICES = List.of(
            "io.micronaut.core.convert.TypeConverterRegistrar",
            "io.micronaut.inject.BeanDefinitionReference",
            "io.micronaut.inject.BeanConfiguration",
            "io.micronaut.core.beans.BeanIntrospectionReference");
    /** The types Micronaut looks up under {@code META-INF/micronaut} only, never in a services file. */
    static final Set<String> MICRONAUT_ONLY = Set.of("io.micronaut.inject.BeanDefinitionReference", "io.micronaut.inject.BeanConfiguration");

    private JarServiceIndex() {
    }

    /**
     * Installs the index when this class's jar holds every Micronaut service of its class path; a
     * no-op otherwise, and when Micronaut has already read its service optimisations in this class
     * loader. Whatever goes wrong leaves Micronaut's own scan in place: the index only saves time.
     */
    static void install() {
        try {
            index().ifPresent(StaticOptimizations::set);
        } catch (RuntimeException e) {
            // an unreadable jar or optimisations already read: Micronaut scans as it would without us
        }
    }

    /** The index of this class's jar, if it is the only class path entry with Micronaut services. */
    static Optional<SoftServiceLoader.Optimizations> index() {
        ClassLoader classes = JarServiceIndex.class.getClassLoader();
        return jarOf(JarServiceIndex.class).filter(jar -> holdsEveryService(classes, jar)).map(jar -> {
            Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders = new LinkedHashMap<>();
            services(jar, SERVICES).forEach((service, types) -> loaders.put(service, loader(types, classes)));
            return new SoftServiceLoader.Optimizations(loaders);
        });
    }

    /**
     * Each service's implementations in the jar, by class name, as Micronaut's scan orders them: its
     * services file's lines (for the types Micronaut also reads there), then its Micronaut entries.
     */
    static Map<String, Set<String>> services(Path jar, List<String> services) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        services.forEach(service -> found.put(service, new LinkedHashSet<>()));
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String service : services) {
                JarEntry listing = MICRONAUT_ONLY.contains(service) ? null : file.getJarEntry(SERVICES_FOLDER + service);
                if (listing != null) {
                    found.get(service).addAll(lines(file, listing));
                }
            }
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                int slash = name.indexOf('/', MICRONAUT.length());
                if (name.startsWith(MICRONAUT) && slash > 0 && slash < name.length() - 1 && name.indexOf('/', slash + 1) < 0) {
                    Set<String> types = found.get(name.substring(MICRONAUT.length(), slash));
                    if (types != null) {
                        types.add(name.substring(slash + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Micronaut services of " + jar, e);
        }
        return found;
    }

    /** A services file's class names: no comments, no blanks. */
    private static List<String> lines(JarFile file, JarEntry listing) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(listing), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        }
    }

    /** True when no other class path entry holds Micronaut entries or services files of the indexed types. */
    private static boolean holdsEveryService(ClassLoader classes, Path jar) {
        try {
            if (!onlyIn(classes.getResources(MICRONAUT), jar)) {
                return false;
            }
            for (String service : SERVICES) {
                if (!onlyIn(classes.getResources(SERVICES_FOLDER + service), jar)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onlyIn(Enumeration<URL> resources, Path jar) {
        return Collections.list(resources).stream().allMatch(url -> {
            try {
                return "jar".equals(url.getProtocol()) && jar.equals(Path.of(URI.create(url.getPath().substring(0, url.getPath().indexOf("!/")))));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Instantiates as Micronaut's scan does: through a public no-argument constructor, skipping a
     * class that cannot be loaded (such as the definition of a client whose optional SDK module this
     * jar lacks).
     */
    private static <S> SoftServiceLoader.StaticServiceLoader<S> loader(Set<String> types, ClassLoader classes) {
        return condition -> types.stream().filter(condition).flatMap(type -> {
            S instance = instantiate(type, classes);
            return instance == null ? Stream.empty() : Stream.of(SoftServiceLoader.StaticDefinition.of(type, () -> instance));
        });
    }

    @SuppressWarnings("unchecked")
    private static <S> S instantiate(String type, ClassLoader classes) {
        try {
            Class<?> found = Class.forName(type, false, classes);
            return (S) MethodHandles.publicLookup().findConstructor(found, MethodType.methodType(void.class)).invoke();
        } catch (NoClassDefFoundError | ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate " + type, e);
        }
    }
}
