//! The binding of users.h, whose signatures name relocxx-multi-a's `shr::Thing` and
//! `shr::Registry` (`extern_type`).
relocxx::include_bindings!("users");
