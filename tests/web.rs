//! Browser tests: the storage module against real localStorage, and screens mounted in the DOM.
//! Run with `cargo test -p rapport --target wasm32-unknown-unknown` (scripts/test does).
#![cfg(target_arch = "wasm32")]

use rapport::route::Route;
use rapport::storage::{self, Open};
use rapport_core::store::{self, RawStore, JOURNAL_KEY};
use rapport_core::{Id, PersonInput, Source};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE_V1: &str = include_str!("../core/tests/fixtures/store-v1.json");
const FIXTURE_V2: &str = include_str!("../core/tests/fixtures/store-v2.json");
const FIXTURE_V3: &str = include_str!("../core/tests/fixtures/store-v3.json");

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Empties localStorage and loads `raw` into it.
fn seed(raw: &RawStore) {
    local().clear().unwrap();
    for (k, v) in raw {
        local().set_item(k, v).unwrap();
    }
}

/// The current schema's fixture.
fn fixture() -> RawStore {
    serde_json::from_str(FIXTURE_V3).unwrap()
}

fn ada() -> Id {
    Id::parse("AAAAAAAAAAAA").unwrap()
}

fn ready() -> rapport_core::Network {
    match storage::open() {
        Open::Ready(decoded) => decoded.network,
        Open::Damaged { error, .. } => panic!("damaged: {error}"),
        Open::Unavailable(reason) => panic!("unavailable: {reason}"),
        Open::Locked(_) => panic!("locked"),
    }
}

fn save(network: &mut rapport_core::Network, touched: &rapport_core::Touched) -> Result<bool, storage::WriteError> {
    storage::save(network, touched, rapport::browser::now())
}

fn person(name: &str, n: u32) -> rapport_core::Person {
    let fields = PersonInput { name: name.into(), ..Default::default() }.validate(|_| false, None).unwrap();
    let id = Id::parse(&format!("W{n:011}")).unwrap();
    rapport_core::Person::new(id, fields, Source::Manual, chrono::DateTime::UNIX_EPOCH)
}

/// Fills localStorage until it refuses more, and returns the filler keys.
fn fill_to_quota() -> Vec<String> {
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(512 * 1024);
    loop {
        let key = format!("filler-{}", keys.len());
        if local().set_item(&key, &chunk).is_ok() {
            keys.push(key);
        } else if chunk.len() > 16 {
            chunk.truncate(chunk.len() / 2);
        } else {
            return keys;
        }
    }
}

#[wasm_bindgen_test]
fn round_trip_through_local_storage() {
    seed(&RawStore::new());
    let mut network = ready();
    let touched = network.insert_person(person("Zoë Ngata 🌿", 1)).unwrap();
    save(&mut network, &touched).unwrap();
    // The first write also stored the schema version.
    assert_eq!(local().get_item("rapport.meta").unwrap().as_deref(), Some("{\"schema\":3}"));
    let id = network.live_people().next().unwrap().id;
    let stored = local().get_item(&store::people_key(store::bucket_of(&id))).unwrap().unwrap();
    assert!(store::pack::is_packed(&stored) && !stored.contains("Zoë"), "records are stored packed: {stored}");
    assert_eq!(ready(), network);
}

#[wasm_bindgen_test]
fn one_edit_writes_one_key() {
    seed(&fixture());
    let mut network = ready();
    let before = storage::read_all();
    let ada = Id::parse("AAAAAAAAAAAA").unwrap();
    let mut fields = network.person(&ada).unwrap().fields();
    fields.role = "VP Data".into();
    let touched = network.update_person(&ada, fields, rapport::browser::now()).unwrap();
    save(&mut network, &touched).unwrap();
    let after = storage::read_all();
    let changed: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert_eq!(changed, vec![&store::people_key(store::bucket_of(&ada))]);
}

#[wasm_bindgen_test]
fn older_schemas_open_and_are_stored_as_schema_3() {
    for old in [FIXTURE_V1, FIXTURE_V2] {
        seed(&serde_json::from_str(old).unwrap());
        let network = ready();
        assert_eq!(network.live_count(), 2);
        assert_eq!(network.profile.organisation, "Northwind Labs");
        assert_eq!(storage::read_all(), fixture(), "stored as the schema 3 fixture, old keys retired");
        let again = ready();
        assert_eq!(again, network);
        assert_eq!(storage::read_all(), fixture(), "opening a current store writes nothing");
    }
}

#[wasm_bindgen_test]
fn an_upgrade_that_does_not_fit_leaves_the_old_schema_and_saves_nothing() {
    let v2: RawStore = serde_json::from_str(FIXTURE_V2).unwrap();
    seed(&v2);
    // Room for the storage probe, not for the upgrade's first key.
    local().set_item("slack", &"s".repeat(40)).unwrap();
    let filler = fill_to_quota();
    local().remove_item("slack").unwrap();
    let mut network = ready();
    let after = storage::read_all();
    let halted = storage::halted();
    let write = save(&mut network, &rapport_core::Touched::person(&ada()));
    for key in &filler {
        local().remove_item(key).unwrap();
    }
    assert_eq!(network.live_count(), 2, "the data still opens");
    assert_eq!(after, v2, "schema 2 is left exactly as it was");
    assert!(halted.is_some_and(|m| m.contains("storage layout")), "the reason is shown");
    assert!(write.is_err(), "nothing is saved over the old schema");
    assert_eq!(storage::read_all(), v2);
}

#[wasm_bindgen_test]
fn damaged_data_is_left_untouched() {
    let mut raw = fixture();
    let key = store::people_key(store::bucket_of(&ada()));
    raw.insert(key.clone(), "{\"live\":[{\"id\":\"AAAAAAAAAAAA\",\"name\":".into());
    seed(&raw);
    match storage::open() {
        Open::Damaged { error, raw: found } => {
            assert_eq!(error.key, key);
            assert_eq!(found, raw);
        }
        _ => panic!("damaged data must not open"),
    }
    assert_eq!(storage::read_all(), raw);
}

#[wasm_bindgen_test]
async fn damaged_data_shows_the_recovery_screen() {
    let mut raw = fixture();
    raw.insert("rapport.meta".into(), "{\"schema\":99}".into());
    seed(&raw);
    let host = mount_host();
    let _handle = leptos::mount::mount_to(host.clone(), rapport::Root);
    leptos::task::tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("couldn't read your saved data"), "{text}");
    assert!(text.contains("newer version of Rapport"), "{text}");
    assert_eq!(storage::read_all(), raw);
}

#[wasm_bindgen_test]
fn a_change_cut_short_rolls_back_on_open() {
    let before = fixture();
    let mut raw = before.clone();
    let keys = [store::people_key(store::bucket_of(&ada())), store::interactions_key(store::bucket_of(&ada()))];
    raw.insert(
        JOURNAL_KEY.into(),
        store::journal_text(keys.iter().map(|k| (k.to_string(), before.get(k).cloned())).collect()),
    );
    raw.insert(keys[0].clone(), "{\"gone\":[{\"id\":\"AAAAAAAAAAAA\",\"deleted\":\"2026-11-25T00:00:00Z\"}]}".into());
    seed(&raw);
    let network = ready();
    assert_eq!(network.live_count(), 2, "the half-done deletion was undone");
    assert_eq!(storage::read_all(), before);
}

#[wasm_bindgen_test]
fn a_write_over_quota_fails_and_keeps_what_was_stored() {
    seed(&fixture());
    let mut network = ready();
    let before = storage::read_all();
    let filler = fill_to_quota();
    let big = person(&"Big ".repeat(40), 2);
    let mut touched = network.insert_person(big).unwrap();
    let mut other = person("Also new", 3);
    other.notes = "n".repeat(20_000);
    touched = touched.and(network.insert_person(other).unwrap());
    let ada = Id::parse("AAAAAAAAAAAA").unwrap();
    touched = touched.and(network.delete_person(&ada, rapport::browser::now()).unwrap().0);
    let result = save(&mut network, &touched);
    for key in &filler {
        local().remove_item(key).unwrap();
    }
    let error = result.expect_err("over quota must fail");
    assert!(error.message.contains("full"), "{}", error.message);
    assert_eq!(storage::read_all(), before, "nothing half-saved, no journal left");
}

fn mount_host() -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

#[wasm_bindgen_test]
async fn network_screen_lists_stored_people() {
    seed(&fixture());
    web_sys::window().unwrap().location().set_hash("#/network").unwrap();
    let host = mount_host();
    let _handle = leptos::mount::mount_to(host.clone(), rapport::Root);
    leptos::task::tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Ada Okafor") && text.contains("José Ferreira"), "{text}");
    assert!(text.contains("2 people"), "{text}");
}

#[wasm_bindgen_test]
fn routes_parse_and_print() {
    fn check(hash: &str, route: Route) {
        assert_eq!(Route::parse(hash), route, "{hash}");
    }
    let id = Id::parse("AAAAAAAAAAAA").unwrap();
    check("", Route::Today);
    check("#/", Route::Today);
    check("#/network", Route::Network);
    check("#/people/new", Route::NewPerson);
    check("#/people/AAAAAAAAAAAA", Route::Person(id));
    check("#/people/AAAAAAAAAAAA/edit", Route::EditPerson(id));
    check("#/people/not an id", Route::NotFound("#/people/not an id".into()));
    check("#/nowhere", Route::NotFound("#/nowhere".into()));
    assert_eq!(Route::parse(&Route::Person(id).href()), Route::Person(id));
}

// The passphrase lock.

#[wasm_bindgen_test]
async fn pbkdf2_through_webcrypto_matches_the_standard() {
    // Python: hashlib.pbkdf2_hmac('sha256', b'correct horse', bytes(range(16)), 600000, 32)
    let expected: [u8; 32] = [
        150, 165, 144, 76, 46, 8, 200, 218, 66, 48, 93, 188, 197, 215, 207, 24, 234, 210, 99, 109, 73, 245, 149, 38,
        182, 6, 242, 102, 150, 40, 20, 115,
    ];
    let salt: Vec<u8> = (0..16).collect();
    let key = storage::lock::derive("correct horse", &salt, 600_000).await.unwrap();
    assert_eq!(key, expected);
}

/// A sync file's body decrypted by WebCrypto is what core's AES decrypts (same nonce, tag
/// and associated data), and a changed byte is refused, not read.
#[wasm_bindgen_test]
async fn a_sync_file_decrypted_by_webcrypto_reads_as_core_reads_it() {
    use rapport_core::sync::{self, SyncFile};
    let mut net = rapport_core::Network::default();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").unwrap().with_timezone(&chrono::Utc);
    let fields =
        PersonInput { name: "Ada Lovelace".into(), notes: "Café, \"quotes\"".into(), ..PersonInput::default() }
            .validate(|_| false, None)
            .unwrap();
    net.add_person(Id::parse("P00000000001").unwrap(), fields, Source::Manual, now).unwrap();
    let key = [7u8; 32];
    let bytes = sync::seal(&net, "laptop", "Laptop", now, &key, &[3; 16], &mut counter()).unwrap();
    let file = SyncFile::parse(&bytes).unwrap();
    let sealed = file.sealed_body(&key).unwrap();
    let packed = storage::lock::aes_gcm_decrypt(&key, &sealed.nonce, sealed.body, sealed.aad).await.unwrap();
    assert_eq!(file.read_body(&packed).unwrap(), file.open(&key).unwrap());
    let mut changed = sealed.body.to_vec();
    changed[3] ^= 1;
    assert!(storage::lock::aes_gcm_decrypt(&key, &sealed.nonce, &changed, sealed.aad).await.is_none());
    assert!(storage::lock::aes_gcm_decrypt(&key, &sealed.nonce, sealed.body, b"other").await.is_none());
}

fn counter() -> impl FnMut(&mut [u8]) -> Result<(), rapport_core::lock::NoRandomness> {
    let mut n = 0u8;
    move |b: &mut [u8]| {
        for x in b {
            n = n.wrapping_add(1);
            *x = n;
        }
        Ok(())
    }
}

#[wasm_bindgen_test]
fn a_lock_turned_on_half_way_is_finished_at_the_next_start() {
    use rapport_core::lock::{self, Header, State, LOCK_KEY};
    storage::lock::forget();
    seed(&fixture());
    let raw_key = [5u8; 32];
    let mut random = counter();
    let (header, unlocked) = lock::begin_lock(&raw_key, &[1; 16], lock::ITERATIONS, &mut random).unwrap();
    local().set_item(LOCK_KEY, &header.to_text()).unwrap();
    // Only the profile was sealed before the tab closed.
    let profile = local().get_item("rapport.profile").unwrap().unwrap();
    let w = unlocked.step(State::Encrypting, "rapport.profile", &profile, &mut random).unwrap().unwrap();
    local().set_item(&w.key, w.value.as_deref().unwrap()).unwrap();

    let Open::Locked(found) = storage::open() else { panic!("a locked store must ask for the passphrase") };
    assert_eq!(found.state, State::Encrypting);
    assert_eq!(storage::lock::unlock_with_raw_key(&found, &[6; 32]).unwrap_err(), lock::LockError::WrongPassphrase);
    storage::lock::unlock_with_raw_key(&found, &raw_key).unwrap();
    let network = ready();
    let expected = store::decode(&fixture()).unwrap().network;
    assert_eq!(network, expected, "every record survives a change cut short");

    let stored = storage::read_all();
    for (k, v) in &stored {
        if lock::is_encrypted_key(k) {
            assert_eq!(lock::sealed_version(v), Some(1), "{k} is sealed");
        }
    }
    let header = Header::parse(&stored[LOCK_KEY]).unwrap();
    assert_eq!(header.state, State::Locked, "the header records the job as finished");

    // A write while unlocked is sealed; it holds no name in plain text.
    let ada = person("Zeynep Kaya", 1);
    let mut n = network.clone();
    let touched = n.insert_person(ada.clone()).unwrap();
    save(&mut n, &touched).unwrap();
    let value = local().get_item(&store::people_key(store::bucket_of(&ada.id))).unwrap().unwrap();
    assert!(value.starts_with("~1~") && !value.contains("Zeynep"), "{value}");
    storage::lock::forget();
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_locked_schema_2_store_is_upgraded_and_stays_sealed() {
    use rapport_core::lock::{self, State, LOCK_KEY};
    storage::lock::forget();
    let v2: RawStore = serde_json::from_str(FIXTURE_V2).unwrap();
    seed(&v2);
    let raw_key = [7u8; 32];
    let mut random = counter();
    let (header, unlocked) = lock::begin_lock(&raw_key, &[1; 16], lock::ITERATIONS, &mut random).unwrap();
    for (k, v) in &v2 {
        if let Some(w) = unlocked.step(State::Encrypting, k, v, &mut random).unwrap() {
            local().set_item(&w.key, w.value.as_deref().unwrap()).unwrap();
        }
    }
    local().set_item(LOCK_KEY, &header.to_text()).unwrap();

    let Open::Locked(found) = storage::open() else { panic!("a locked store must ask for the passphrase") };
    storage::lock::unlock_with_raw_key(&found, &raw_key).unwrap();
    let network = ready();
    assert_eq!(network, store::decode(&v2).unwrap().network, "every record survives the upgrade");
    let stored = storage::read_all();
    assert_eq!(stored["rapport.meta"], "{\"schema\":3}");
    assert!(!stored.keys().any(|k| k.starts_with("rapport.p.") || k.starts_with("rapport.ix.")), "old keys retired");
    assert!(stored.keys().any(|k| k.starts_with("rapport.people.")));
    for (k, v) in &stored {
        if lock::is_encrypted_key(k) {
            assert_eq!(lock::sealed_version(v), Some(1), "{k} is sealed");
        }
    }
    assert_eq!(ready(), network, "and it opens again");
    storage::lock::forget();
    local().clear().unwrap();
}

/// Bug: with the clock fixed (or set back after an import), an edit stamped at the import's
/// own instant looked untouched, and undoing the import removed it. Stamps for changes always
/// move forward: past every earlier one in the page, and past the latest change stored.
#[wasm_bindgen_test]
fn change_stamps_always_move_forward() {
    // Later than any real clock this page has used, so earlier stamps do not interfere.
    let fixed = "2030-01-01T12:00:00Z";
    js_sys::Reflect::set(&js_sys::global(), &"__rapportClock".into(), &fixed.into()).unwrap();
    let a = rapport::browser::now();
    let b = rapport::browser::now();
    assert!(b > a, "a fixed clock still gives later stamps: {a} then {b}");
    // A change stored an hour "ahead" (a clock set back since): new stamps come after it.
    let ahead = a + chrono::Duration::hours(1);
    rapport::browser::observe(ahead);
    assert!(rapport::browser::now() > ahead);
    // A stamp years ahead (a wrong clock on another device) is followed, as a hybrid
    // logical clock does: a change made here after seeing it wins over it (a device with a
    // fast clock can't win every conflict from then on), and the merge says the clock is fast.
    let far = a + chrono::Duration::days(3650);
    assert!(rapport::browser::is_far_ahead(far));
    rapport::browser::observe(far);
    let after = rapport::browser::now();
    assert!(after > far);
    assert_eq!(rapport_core::clock::device_of(after), rapport::storage::device::clock_digits());
    // Today's date follows the wall clock alone.
    assert_eq!(rapport::browser::today().to_string(), "2030-01-01");
    js_sys::Reflect::delete_property(&js_sys::global(), &"__rapportClock".into()).unwrap();
}

/// Regression: each tab kept its own copy of the device state and wrote it whole, so a tab
/// that removed a device from sync wrote back the name (and the devices merged) it had
/// read before another tab changed them.
#[wasm_bindgen_test]
fn a_device_state_change_made_in_another_tab_is_kept() {
    let page = storage::device::load();
    local().clear().unwrap();
    storage::device::forget();
    let first = storage::device::load();
    assert!(!first.id.is_empty() && first.salt_bytes().is_some(), "made on first use");
    // Another tab renames the device and keeps a key.
    let mut other = first.clone();
    other.name = "Work laptop".into();
    other.keep_key("c2FsdA==", &[4; 32]);
    local().set_item("rapport-device", &serde_json::to_string(&other).unwrap()).unwrap();
    assert_eq!(storage::device::load().name, "Work laptop", "read again, not the page's old copy");
    // This tab then removes a device from sync: both changes are stored.
    storage::device::update(|d| d.remove("peer-1"));
    let stored: rapport_core::sync::DeviceState =
        serde_json::from_str(&local().get_item("rapport-device").unwrap().unwrap()).unwrap();
    assert_eq!(stored.name, "Work laptop");
    assert_eq!(stored.id, first.id, "the same device");
    assert!(stored.is_removed("peer-1"));
    assert_eq!(stored.key_for("c2FsdA=="), Some([4; 32]));
    // This page's device again (its clock carries that device's digits).
    storage::device::update(|d| *d = page);
}

/// Regression (review): a page's older sync keys came back over a passphrase changed in
/// another tab, so the other devices' files stayed refused under the stale keys.
#[wasm_bindgen_test]
fn keys_cleared_in_another_tab_do_not_come_back() {
    let page = storage::device::load();
    local().clear().unwrap();
    storage::device::forget();
    let first = storage::device::update(|d| d.keep_key("b2xk", &[1; 32]));
    assert_eq!(first.key_for("b2xk"), Some([1; 32]));
    // Another tab sets a new sync passphrase: every older key goes.
    let mut other = first.clone();
    other.keys.clear();
    let own = other.salt.clone();
    other.keep_key(&own, &[2; 32]);
    local().set_item("rapport-device", &serde_json::to_string(&other).unwrap()).unwrap();
    let now = storage::device::update(|d| d.name = "Phone".into());
    assert_eq!(now.key_for("b2xk"), None, "the old key stays gone");
    assert_eq!(now.own_key(), Some([2; 32]));
    storage::device::update(|d| *d = page);
}

// Lazily loaded screens (src/screens.rs). Without the `split` feature the screens' functions
// resolve at once: every route still draws its own screen, through the same `lazily`.

#[wasm_bindgen_test]
async fn every_route_draws_its_screen_through_the_lazy_screens() {
    seed(&fixture());
    for (hash, heading) in [
        ("#/settings", "Settings"),
        ("#/insights", "Insights"),
        ("#/interviews", "Interviews"),
        ("#/people/new", "Add a person"),
        ("#/import-export", "Import & export"),
        ("#/network", "Network"),
    ] {
        web_sys::window().unwrap().location().set_hash(hash).unwrap();
        let host = mount_host();
        let handle = leptos::mount::mount_to(host.clone(), rapport::Root);
        leptos::task::tick().await;
        leptos::task::tick().await;
        let h1 = host.query_selector("main h1").unwrap().map(|h| h.text_content().unwrap_or_default());
        assert_eq!(h1.as_deref(), Some(heading), "{hash}");
        drop(handle);
        host.remove();
    }
}
