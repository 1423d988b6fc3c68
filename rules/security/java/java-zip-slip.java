import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

class Unzip {
    void extract(ZipInputStream zin, File destDir) throws Exception {
        ZipEntry entry = zin.getNextEntry();
        // ruleid: java-zip-slip
        File out = new File(destDir, entry.getName());
        out.createNewFile();
    }

    void nio(ZipEntry entry, Path dest) {
        // ruleid: java-zip-slip
        Path p = dest.resolve(entry.getName());
        // ruleid: java-zip-slip
        Path q = Paths.get("/tmp", entry.getName());
    }

    void checked(ZipEntry entry, File destDir) throws Exception {
        // ok: java-zip-slip
        File out = new File(destDir, entry.getName());
        if (!out.getCanonicalPath().startsWith(destDir.getCanonicalPath() + File.separator)) {
            throw new java.io.IOException("bad entry");
        }
    }

    void other(File dir, java.util.Map<String, String> cfg) {
        // ok: java-zip-slip
        File f = new File(dir, "x.txt");
    }
}
