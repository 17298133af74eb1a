import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of progy-cli: rewrites the Java 5 class files in the CLI jar (picocli's) as Java 8 class files with
 * stack map frames, so that the class-data-sharing archive can hold them — CDS skips class files older than
 * version 50, and picocli's were the largest part of progy's start-up. Behaviour is unchanged: only the class
 * file version and the verifier's frames differ. Every rewritten class is then loaded and linked in a fresh
 * class loader, so a class the new verifier would refuse fails the build, not a user's command.
 *
 * <p>Usage: {@code java --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED ClassFileUpgrade <jar>}
 */
public final class ClassFileUpgrade {

    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
        List<String> upgraded = new ArrayList<>();
        try (URLClassLoader original = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".class") && version(bytes) < JAVA_6) {
                    bytes = upgrade(bytes, original);
                    upgraded.add(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'));
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        verify(jar, upgraded);
        System.out.println("ClassFileUpgrade: " + upgraded.size() + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files and verified");
    }

    private static int version(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] upgrade(byte[] classFile, ClassLoader loader) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader; // frames need the common super class of types that only the jar knows
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM8, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /**
     * Loads, links and initializes every rewritten class in a fresh loader: the verifier runs on linking and
     * throws a {@link VerifyError}, which fails the build.
     */
    private static void verify(Path jar, List<String> classes) throws IOException, ClassNotFoundException {
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String name : classes) {
                try {
                    Class.forName(name, true, fresh);
                } catch (ExceptionInInitializerError e) {
                    // the initializer ran, so the class was verified; it just needs a running CLI
                }
            }
        }
    }

    private ClassFileUpgrade() { }
}
