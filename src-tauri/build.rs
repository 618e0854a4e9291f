fn main() {
    // The UI is embedded at compile time: rebuild whenever `npm run build` changes it.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
