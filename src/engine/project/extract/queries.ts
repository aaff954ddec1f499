import type { LanguageId } from "../../parsing/index.js";

// Tags queries in the spirit of the grammars' own tags.scm (and Aider's repo map): `@def.<kind>` is the
// declaration, `@name` its name; `@import` an import specifier; `@ref` a referenced name; `@package` the
// Go/Java package; `@modfile` a Rust `mod x;` that pulls in another file.

const JS_COMMON = `
(function_declaration name: (identifier) @name) @def.function
(generator_function_declaration name: (identifier) @name) @def.function
(method_definition name: (property_identifier) @name) @def.method
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @def.function
(variable_declarator name: (identifier) @name) @def.variable
(import_statement source: (string (string_fragment) @import))
(export_statement source: (string (string_fragment) @import))
(call_expression function: (identifier) @_req arguments: (arguments . (string (string_fragment) @import)) (#eq? @_req "require"))
(call_expression function: (import) arguments: (arguments . (string (string_fragment) @import)))
(call_expression function: (identifier) @ref)
(call_expression function: (member_expression property: (property_identifier) @ref))
(new_expression constructor: (identifier) @ref)
(import_specifier name: (identifier) @ref)
(export_clause (export_specifier name: (identifier) @export))
(jsx_opening_element name: (identifier) @ref)
(jsx_self_closing_element name: (identifier) @ref)
`;

const TS_ONLY = `
(class_declaration name: (type_identifier) @name) @def.class
(abstract_class_declaration name: (type_identifier) @name) @def.class
(interface_declaration name: (type_identifier) @name) @def.interface
(type_alias_declaration name: (type_identifier) @name) @def.type
(enum_declaration name: (identifier) @name) @def.enum
(function_signature name: (identifier) @name) @def.function
(abstract_method_signature name: (property_identifier) @name) @def.method
(module name: (identifier) @name) @def.module
(type_identifier) @ref
(extends_clause value: (identifier) @ref)
`;

const TS_NO_JSX = JS_COMMON.split("\n").filter((l) => !l.includes("jsx_")).join("\n");

export const QUERIES: Record<LanguageId, string> = {
  typescript: TS_NO_JSX + TS_ONLY,
  tsx: JS_COMMON + TS_ONLY,
  javascript: `${JS_COMMON}
(class_declaration name: (identifier) @name) @def.class
(class_heritage (identifier) @ref)
`,
  python: `
(function_definition name: (identifier) @name) @def.function
(class_definition name: (identifier) @name) @def.class
(module (expression_statement (assignment left: (identifier) @name) @def.variable))
(import_statement name: (dotted_name) @import)
(import_statement name: (aliased_import name: (dotted_name) @import))
(import_from_statement module_name: (_) @import)
(call function: (identifier) @ref)
(call function: (attribute attribute: (identifier) @ref))
(import_from_statement name: (dotted_name (identifier) @ref))
(argument_list (identifier) @ref)
(class_definition superclasses: (argument_list (identifier) @ref))
(type (identifier) @ref)
`,
  go: `
(package_clause (package_identifier) @package)
(function_declaration name: (identifier) @name) @def.function
(method_declaration name: (field_identifier) @name) @def.method
(type_spec name: (type_identifier) @name type: (struct_type)) @def.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @def.interface
(type_spec name: (type_identifier) @name) @def.type
(const_spec name: (identifier) @name) @def.constant
(import_spec path: (interpreted_string_literal) @import)
(call_expression function: (identifier) @ref)
(call_expression function: (selector_expression field: (field_identifier) @ref))
(type_identifier) @ref
`,
  rust: `
(function_item name: (identifier) @name) @def.function
(function_signature_item name: (identifier) @name) @def.function
(struct_item name: (type_identifier) @name) @def.struct
(enum_item name: (type_identifier) @name) @def.enum
(union_item name: (type_identifier) @name) @def.struct
(trait_item name: (type_identifier) @name) @def.trait
(type_item name: (type_identifier) @name) @def.type
(const_item name: (identifier) @name) @def.constant
(static_item name: (identifier) @name) @def.constant
(macro_definition name: (identifier) @name) @def.function
(mod_item name: (identifier) @name) @def.module
(mod_item name: (identifier) @modfile !body)
(use_declaration argument: (_) @import)
(call_expression function: (identifier) @ref)
(call_expression function: (field_expression field: (field_identifier) @ref))
(call_expression function: (scoped_identifier name: (identifier) @ref))
(macro_invocation macro: (identifier) @ref)
(type_identifier) @ref
`,
  java: `
(package_declaration (scoped_identifier) @package)
(package_declaration (identifier) @package)
(class_declaration name: (identifier) @name) @def.class
(record_declaration name: (identifier) @name) @def.class
(interface_declaration name: (identifier) @name) @def.interface
(enum_declaration name: (identifier) @name) @def.enum
(annotation_type_declaration name: (identifier) @name) @def.interface
(method_declaration name: (identifier) @name) @def.method
(constructor_declaration name: (identifier) @name) @def.method
(import_declaration (scoped_identifier) @import)
(method_invocation name: (identifier) @ref)
(object_creation_expression type: (type_identifier) @ref)
(type_identifier) @ref
`,
};
