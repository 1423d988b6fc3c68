use std::path::Path;

fn unzip(r: std::fs::File, dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = zip::ZipArchive::new(r)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        // ruleid: rs-zip-slip
        let out = dest.join(file.name());
        // ruleid: rs-zip-slip
        let out = dest.join(file.mangled_name());
        // ruleid: rs-zip-slip
        let out = dest.join(Path::new(file.name()));
        let Some(rel) = file.enclosed_name() else { continue };
        // ok: rs-zip-slip
        let out = dest.join(rel);
        // ok: rs-zip-slip
        let out = dest.join("fixed.txt");
        // ok: rs-zip-slip
        // let out = dest.join(file.name());
    }
    Ok(())
}
