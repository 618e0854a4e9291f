//! The generated TypeScript contract (`ui/src/bindings/generated.ts`): the UI's types come from
//! the Rust types, so a change of a response shape is a type error in the UI, not a surprise at
//! run time. `cargo test -p junheng-api --test bindings` fails when the committed file differs
//! from a fresh generation (regenerate with `UPDATE_BINDINGS=1`).

use std::collections::BTreeMap;

use ts_rs::{Dependency, TypeVisitor, TS};

use crate::{Access, ErrorCode, Lang};

/// Collects the declaration of every type reachable from the command types.
#[derive(Default)]
pub struct Collector {
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if Dependency::from_ty::<T>().is_some() {
            let name = T::ident();
            if self.decls.contains_key(&name) {
                return;
            }
            self.decls.insert(name, T::decl());
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

impl Collector {
    pub fn root<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
    }

    /// The file: declarations in name order, the command map, the error codes.
    pub fn finish(self, commands: &[(&str, String, String, Access)]) -> String {
        let mut out = String::from(
            "// Generated from the Rust types by `cargo test -p junheng-api --test bindings`\n\
             // (UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.\n\n",
        );
        for decl in self.decls.values() {
            // JSON carries 64-bit counts as numbers (every count is bounded far below 2^53).
            let decl = decl.replace("bigint", "number");
            out.push_str("export ");
            out.push_str(decl.trim_end());
            if !decl.trim_end().ends_with(';') {
                out.push(';');
            }
            out.push_str("\n\n");
        }
        out.push_str(
            "/** Every command: its request and response types. */\nexport interface Commands {\n",
        );
        for (name, req, res, _) in commands {
            out.push_str(&format!(
                "  {name}: {{ request: {}; response: {} }};\n",
                req.replace("bigint", "number"),
                res.replace("bigint", "number")
            ));
        }
        out.push_str("}\n\nexport type CommandName = keyof Commands;\n\n");
        out.push_str("/** Commands that change stored data. */\nexport const WRITE_COMMANDS: readonly CommandName[] = [\n");
        for (name, _, _, access) in commands {
            if *access == Access::Write {
                out.push_str(&format!("  '{name}',\n"));
            }
        }
        out.push_str("];\n\n");
        out.push_str("/** Every error code with its HTTP status and message (`{param}` filled from the error's params). */\nexport const ERROR_MESSAGES: Record<ErrorCode, { status: number; zh: string; en: string }> = {\n");
        for c in ErrorCode::ALL {
            out.push_str(&format!(
                "  {}: {{ status: {}, zh: {}, en: {} }},\n",
                serde_json::to_string(c.as_str()).expect("json"),
                c.http_status(),
                serde_json::to_string(c.template(Lang::Zh)).expect("json"),
                serde_json::to_string(c.template(Lang::En)).expect("json"),
            ));
        }
        out.push_str("};\n");
        out
    }
}
