//! Personal links. Each invitation holds a random seed (128 bits from the operating
//! system's CSPRNG); its token is HMAC-SHA256(link key, seed), and the database keeps
//! only the seed and the token's SHA-256. So a copy of the database alone opens no form,
//! while the server can still show an officer the link and put it in every reminder.
//! Regenerating a link draws a new seed: the old token stops working.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the HMAC kept in a token: 192 bits, 32 characters in the URL.
const TOKEN_BYTES: usize = 24;
const SEED_BYTES: usize = 16;

/// The key that turns seeds into tokens, derived from the server's secret key so that
/// it differs from the cookie and CSRF keys.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

impl LinkKey {
    pub fn derive(secret: &[u8]) -> Self {
        let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
        mac.update(b"kotae personal link key v1");
        Self(mac.finalize().into_bytes().into())
    }

    /// A fresh seed for a new or regenerated link, hex.
    pub fn new_seed() -> String {
        let mut seed = [0u8; SEED_BYTES];
        OsRng
            .try_fill_bytes(&mut seed)
            .expect("the operating system's random source works");
        seed.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    /// The token of a seed: what goes in the link.
    pub fn token(&self, seed: &str) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("a 32-byte key");
        mac.update(seed.as_bytes());
        URL_SAFE_NO_PAD.encode(&mac.finalize().into_bytes()[..TOKEN_BYTES])
    }

    /// A keyed digest of `purpose` and `token`, for values bound to one link (its CSRF
    /// token).
    pub fn bind(&self, purpose: &str, token: &str) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("a 32-byte key");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(token.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// What the database keeps to find a token's invitation: SHA-256, hex. `None` for text
/// that cannot be a token, so junk never reaches the database.
pub fn token_hash(token: &str) -> Option<String> {
    let well_formed = token.len() == TOKEN_BYTES * 4 / 3
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then(|| {
        Sha256::digest(token.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_32_url_safe_characters_and_its_hash_finds_it() {
        let key = LinkKey::derive(b"a secret key of the server, long enough");
        let seed = LinkKey::new_seed();
        let token = key.token(&seed);
        assert_eq!(token.len(), 32);
        assert_eq!(key.token(&seed), token, "the same seed gives the same link");
        let hash = token_hash(&token).expect("a well-formed token");
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, token);
    }

    #[test]
    fn seeds_differ_and_so_do_their_tokens() {
        let key = LinkKey::derive(b"secret");
        let (a, b) = (LinkKey::new_seed(), LinkKey::new_seed());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_ne!(key.token(&a), key.token(&b));
    }

    #[test]
    fn another_server_key_gives_other_tokens() {
        let seed = LinkKey::new_seed();
        assert_ne!(
            LinkKey::derive(b"one").token(&seed),
            LinkKey::derive(b"two").token(&seed)
        );
    }

    #[test]
    fn text_that_cannot_be_a_token_has_no_hash() {
        assert_eq!(token_hash(""), None);
        assert_eq!(token_hash("short"), None);
        assert_eq!(token_hash(&"a".repeat(33)), None);
        assert_eq!(token_hash(&format!("{}/", "a".repeat(31))), None);
        assert!(token_hash(&"a".repeat(32)).is_some());
    }
}
