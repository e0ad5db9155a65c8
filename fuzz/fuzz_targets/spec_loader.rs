//! The spec loader returns errors, never panics, on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = tcapi_spec::load::load_sources([("fuzz.json", text)]);
    }
});
