package dev.ipcbench.transport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The transports found on the class path and in plug-in jars, by alias, each with its origin: the
 * jar or directory its provider's class came from.
 */
public final class TransportRegistry {

    /** Where {@link ServiceLoader} looks for provider class names in a jar. */
    public static final String SERVICES_ENTRY = "META-INF/services/" + TransportProvider.class.getName();

    private final Map<String, TransportProvider> byAlias;

    private TransportRegistry(Map<String, TransportProvider> byAlias) {
        this.byAlias = Collections.unmodifiableMap(byAlias);
    }

    /**
     * Loads every {@link TransportProvider} registered with {@link ServiceLoader} on the class path.
     *
     * @throws ProviderLoadException when a provider fails to load or two providers claim one alias
     */
    public static TransportRegistry load() {
        return load(List.of());
    }

    /**
     * Loads the providers of the class path and those the {@code jars} register (in {@value
     * #SERVICES_ENTRY}); the jars may also hold what their providers need. Jars already on the class
     * path are read from there, others through a class loader of their own.
     *
     * @throws ProviderLoadException naming the jar and the class: a jar that is missing or not a jar,
     *     a provider class that is missing, is not a {@code TransportProvider} or cannot be
     *     instantiated, two providers claiming one alias
     */
    public static TransportRegistry load(List<Path> jars) {
        Map<Path, List<String>> declared = new LinkedHashMap<>();
        for (Path jar : jars) {
            Path p = jar.toAbsolutePath().normalize();
            declared.put(p, providerNames(p));
        }
        ClassLoader base = TransportRegistry.class.getClassLoader();
        ClassLoader loader = declared.isEmpty() || onClassPath(declared.keySet()) ? base : loaderFor(declared, base);

        List<TransportProvider> providers = new ArrayList<>();
        for (ServiceLoader.Provider<TransportProvider> p :
                ServiceLoader.load(TransportProvider.class, base).stream().toList()) {
            Class<?> type;
            try {
                type = p.type();
            } catch (ServiceConfigurationError e) {
                throw new ProviderLoadException(
                        "a transport provider on the class path cannot be loaded: " + e.getMessage() + describeCause(e),
                        e);
            }
            Path origin = originOf(type);
            if (origin != null && declared.containsKey(origin)) {
                continue; // loaded below, where a failure can name the jar
            }
            try {
                providers.add(p.get());
            } catch (ServiceConfigurationError e) {
                throw new ProviderLoadException(
                        "transport provider " + type.getName()
                                + (origin == null ? "" : " from " + origin) + " cannot be instantiated: "
                                + e.getMessage()
                                + describeCause(e),
                        e);
            }
        }
        declared.forEach((jar, names) -> {
            for (String name : names) {
                providers.add(instantiate(jar, name, loader));
            }
        });
        return of(providers);
    }

    /** A registry of the given providers. */
    public static TransportRegistry of(Iterable<? extends TransportProvider> providers) {
        Map<String, TransportProvider> map = new TreeMap<>();
        for (TransportProvider p : providers) {
            TransportProvider previous = map.putIfAbsent(p.alias(), p);
            if (previous != null) {
                throw new ProviderLoadException("two transport providers claim the alias '" + p.alias() + "': "
                        + previous.getClass().getName() + " (" + describeOrigin(previous) + ") and "
                        + p.getClass().getName() + " (" + describeOrigin(p) + ")");
            }
        }
        return new TransportRegistry(map);
    }

    /** Every provider, sorted by alias. */
    public List<TransportProvider> providers() {
        return new ArrayList<>(byAlias.values());
    }

    /** Every alias, sorted. */
    public List<String> aliases() {
        return new ArrayList<>(byAlias.keySet());
    }

    /**
     * The provider with this alias.
     *
     * @throws IllegalArgumentException naming the known aliases when there is none
     */
    public TransportProvider get(String alias) {
        TransportProvider p = byAlias.get(alias);
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown transport '" + alias + "'; known transports: " + String.join(", ", byAlias.keySet()));
        }
        return p;
    }

    /** The jar or directory the provider's class came from, when the JVM says. */
    public static Optional<Path> origin(TransportProvider provider) {
        return Optional.ofNullable(originOf(provider.getClass()));
    }

    /**
     * Whether the provider came with ipcbench itself: from the jar or directory that holds this
     * class (the shaded {@code benchmarks.jar} holds every ipcbench module, {@code aeron-ipc}
     * included).
     */
    public static boolean isBuiltIn(TransportProvider provider) {
        Path own = originOf(TransportRegistry.class);
        Path origin = originOf(provider.getClass());
        return origin != null && origin.equals(own);
    }

    /** The provider's origin for listings: its path, or "unknown". */
    private static String describeOrigin(TransportProvider p) {
        return origin(p).map(Path::toString).orElse("origin unknown");
    }

    private static Path originOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The provider class names a jar registers, after checking that it is a readable jar. */
    private static List<String> providerNames(Path jar) {
        if (!Files.exists(jar)) {
            throw new ProviderLoadException("plug-in jar " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar)) {
            throw new ProviderLoadException("plug-in jar " + jar + " is not a file");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(SERVICES_ENTRY);
            if (entry == null) {
                return List.of(); // a library the plug-ins need, or a jar without transports
            }
            Set<String> names = new LinkedHashSet<>();
            try (InputStream in = file.getInputStream(entry);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return new ArrayList<>(names);
        } catch (IOException e) {
            throw new ProviderLoadException("plug-in jar " + jar + " is not a jar: " + e.getMessage(), e);
        }
    }

    private static boolean onClassPath(Set<Path> jars) {
        Set<Path> classPath = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return classPath.containsAll(jars);
    }

    private static ClassLoader loaderFor(Map<Path, List<String>> jars, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars.keySet()) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ProviderLoadException("plug-in jar " + jar + " has no URL: " + e.getMessage(), e);
            }
        }
        // Never closed: the providers it loads live as long as the registry's users.
        return new URLClassLoader("ipcbench-plugins", urls.toArray(URL[]::new), parent);
    }

    private static TransportProvider instantiate(Path jar, String name, ClassLoader loader) {
        String what = "plug-in jar " + jar + ": transport provider " + name;
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new ProviderLoadException(what + " is not in the jar (nor on the class path)", e);
        } catch (LinkageError e) {
            throw new ProviderLoadException(what + " cannot be loaded: " + e + describeCause(e), e);
        }
        if (!TransportProvider.class.isAssignableFrom(type)) {
            throw new ProviderLoadException(what + " does not implement " + TransportProvider.class.getName());
        }
        try {
            return (TransportProvider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ProviderLoadException(what + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ProviderLoadException(what + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new ProviderLoadException(what + " cannot be instantiated: " + e + describeCause(e), e);
        }
    }

    private static String describeCause(Throwable e) {
        Throwable c = e.getCause();
        return c == null ? "" : " (" + c + ")";
    }
}
