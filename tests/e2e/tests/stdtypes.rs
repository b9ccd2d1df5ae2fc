//! Standard-library types across the bridge under the default library (libstdc++ here).

use relocxx_e2e::stdtypes::stdt;

include!("../../fixtures/stdtypes_cases.rs");
