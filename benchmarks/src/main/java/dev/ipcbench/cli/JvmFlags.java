package dev.ipcbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags that keep newer JDKs quiet about what ipcbench's libraries do on purpose:
 * junixsocket loads a native library ({@code --enable-native-access=ALL-UNNAMED}, known since JDK
 * 17) and JMH uses {@code sun.misc.Unsafe} ({@code --sun-misc-unsafe-memory-access=allow}, JDK 23
 * and later only). A flag is given only to a JVM that knows it.
 */
final class JvmFlags {

    /** The first JDK that knows {@code --sun-misc-unsafe-memory-access}. */
    static final int UNSAFE_FLAG_SINCE = 23;

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private JvmFlags() {}

    /** The flags for a JVM of feature release {@code feature} (17, 21, 25, ...). */
    static List<String> quiet(int feature) {
        List<String> flags = new ArrayList<>();
        flags.add("--enable-native-access=ALL-UNNAMED");
        if (feature >= UNSAFE_FLAG_SINCE) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /**
     * The feature release of the JDK a {@code java} executable belongs to, from the JDK's {@code
     * release} file; this JVM's own when {@code java} is {@code null} or the file says nothing.
     */
    static int featureOf(Path java) {
        if (java != null) {
            Path home = java.toAbsolutePath().normalize().getParent();
            home = home == null ? null : home.getParent();
            try {
                Matcher m = RELEASE_VERSION.matcher(
                        home == null ? "" : Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } catch (IOException | RuntimeException e) {
                // fall back to this JVM's version
            }
        }
        return Runtime.version().feature();
    }

    /** The flags of {@link #quiet} that {@code present} does not hold yet. */
    static List<String> missing(int feature, List<String> present) {
        return quiet(feature).stream().filter(f -> !present.contains(f)).toList();
    }
}
