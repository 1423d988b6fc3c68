use md2::Md2;
use md4::Md4;
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::Sha256;

fn hashes(password: &[u8], data: &[u8]) {
    // ruleid: rs-weak-hash
    let d = md5::compute(password);
    // ruleid: rs-weak-hash
    let mut h = Md5::new();
    // ruleid: rs-weak-hash
    let mut h = md5::Md5::new();
    // ruleid: rs-weak-hash
    let d = Sha1::digest(data);
    // ruleid: rs-weak-hash
    let mut h = sha1::Sha1::new();
    // ruleid: rs-weak-hash
    let d = sha1::Sha1::from(data).digest();
    // ruleid: rs-weak-hash
    let mut h = Md4::new();
    // ruleid: rs-weak-hash
    let mut h = Md2::new();
    // ruleid: rs-weak-hash
    let mut h = <Md5 as Digest>::new();
    // ruleid: rs-weak-hash
    let mut ctx = md5::Context::new();
    // ruleid: rs-weak-hash
    let mut h = Sha1::default();
    // ruleid: rs-weak-hash
    println!("{:x}", md5::compute(data));
    // ruleid: rs-weak-hash
    let hex = format!("{:x}", Sha1::digest(data));
    // ok: rs-weak-hash
    let d = sha2::Sha256::digest(data);
    // ok: rs-weak-hash
    let mut h = Sha256::new();
    // ok: rs-weak-hash
    // let d = md5::compute(password);
    // ok: rs-weak-hash
    let s = "md5::compute(password)";
    // ok: rs-weak-hash
    println!("md5::compute({})", 1);
    // ok: rs-weak-hash
    let n = md5_sum::compute(data);
}
