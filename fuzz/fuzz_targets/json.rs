#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| responsify_fuzz::check("x.json", data));
