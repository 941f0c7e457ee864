//! `choice!` declares a closed set of options (seniority, channel, origin…) once:
//! the enum, its stable storage key, its label for people, and the list of all values.
//! Stored data and `<select>` values both use the key, so a label can change freely.

/// Declares a `Copy` enum with `key()`, `label()`, `ALL` and `from_key()`.
/// Serde uses the same keys as `key()`.
#[macro_export]
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $variant:ident => ($key:literal, $label:literal) ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( #[serde(rename = $key)] $variant ),+
        }

        impl $name {
            /// Every value, in the order people see them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stable key used in storage and in form values.
            pub fn key(self) -> &'static str {
                match self { $( $name::$variant => $key ),+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            /// The value for a stored or submitted key, if it names one.
            pub fn from_key(key: &str) -> Option<$name> {
                match key { $( $key => Some($name::$variant), )+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
