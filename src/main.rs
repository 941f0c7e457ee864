//! The binary only mounts the app; everything lives in the library so browser tests can use it.
fn main() {
    rapport::start();
}
