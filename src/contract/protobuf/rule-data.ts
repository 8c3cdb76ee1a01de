/**
 * buf's breaking rules, as `buf config ls-breaking-rules --include-deprecated --format json` lists them
 * for each buf.yaml version (buf 1.74, the pinned devDependency; 1.75 lists the same). Categories and defaults differ by version, as in buf.
 */

export type BufConfigVersion = 'v1beta1' | 'v1' | 'v2'

export interface BufRuleVersionInfo {
  categories: readonly string[]
  default: boolean
  deprecated: boolean
  replacements: readonly string[]
}

export interface BufRuleData {
  id: string
  purpose: string
  versions: Partial<Record<BufConfigVersion, BufRuleVersionInfo>>
}

const r = (
  categories: string[],
  isDefault: boolean,
  deprecated = false,
  replacements: string[] = []
): BufRuleVersionInfo => ({
  categories,
  default: isDefault,
  deprecated,
  replacements
})

export const bufRuleData: readonly BufRuleData[] = [
  {
    id: 'ENUM_NO_DELETE',
    purpose: 'Checks that enums are not deleted from a given file.',
    versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
  },
  {
    id: 'ENUM_SAME_JSON_FORMAT',
    purpose: 'Checks that enums have the same JSON format support.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
    }
  },
  {
    id: 'ENUM_SAME_TYPE',
    purpose: 'Checks that enums have the same type (open vs closed).',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'ENUM_VALUE_NO_DELETE',
    purpose: 'Checks that enum values are not deleted from a given enum.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED',
    purpose:
      'Checks that enum values are not deleted from a given enum unless the name is reserved.',
    versions: {
      v1beta1: r(['WIRE_JSON'], false),
      v1: r(['WIRE_JSON'], false),
      v2: r(['CSR', 'WIRE_JSON'], false)
    }
  },
  {
    id: 'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED',
    purpose:
      'Checks that enum values are not deleted from a given enum unless the number is reserved.',
    versions: {
      v1beta1: r(['WIRE_JSON', 'WIRE'], false),
      v1: r(['WIRE_JSON', 'WIRE'], false),
      v2: r(['CSR', 'WIRE_JSON', 'WIRE'], false)
    }
  },
  {
    id: 'ENUM_VALUE_SAME_NAME',
    purpose: 'Checks that enum values have the same name.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
    }
  },
  {
    id: 'EXTENSION_MESSAGE_NO_DELETE',
    purpose: 'Checks that extension ranges are not deleted from a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'EXTENSION_NO_DELETE',
    purpose: 'Checks that extensions are not deleted from a given file.',
    versions: { v2: r(['FILE'], true) }
  },
  {
    id: 'FIELD_NO_DELETE',
    purpose: 'Checks that fields are not deleted from a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED',
    purpose: 'Checks that fields are not deleted from a given message unless the name is reserved.',
    versions: {
      v1beta1: r(['WIRE_JSON'], false),
      v1: r(['WIRE_JSON'], false),
      v2: r(['CSR', 'WIRE_JSON'], false)
    }
  },
  {
    id: 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED',
    purpose:
      'Checks that fields are not deleted from a given message unless the number is reserved.',
    versions: {
      v1beta1: r(['WIRE_JSON', 'WIRE'], false),
      v1: r(['WIRE_JSON', 'WIRE'], false),
      v2: r(['CSR', 'WIRE_JSON', 'WIRE'], false)
    }
  },
  {
    id: 'FIELD_SAME_CARDINALITY',
    purpose: 'Checks that fields have the same cardinalities in a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_SAME_CPP_STRING_TYPE',
    purpose:
      'Checks that fields have the same C++ string type, based on ctype field option or (pb.cpp).string_type feature.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_SAME_CTYPE',
    purpose: 'Checks that fields have the same value for the ctype option.',
    versions: {
      v1beta1: r([], false, true, ['FIELD_SAME_CPP_STRING_TYPE']),
      v1: r([], false, true, ['FIELD_SAME_CPP_STRING_TYPE'])
    }
  },
  {
    id: 'FIELD_SAME_DEFAULT',
    purpose: 'Checks that fields have the same default value, if a default is specified.',
    versions: { v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true) }
  },
  {
    id: 'FIELD_SAME_JAVA_UTF8_VALIDATION',
    purpose:
      'Checks that fields have the same Java string UTF8 validation, based on java_string_check_utf8 file option or (pb.java).utf8_validation feature.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_SAME_JSON_NAME',
    purpose: 'Checks that fields have the same value for the json_name option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
    }
  },
  {
    id: 'FIELD_SAME_JSTYPE',
    purpose: 'Checks that fields have the same value for the jstype option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_SAME_LABEL',
    purpose: 'Checks that fields have the same labels in a given message.',
    versions: {
      v1beta1: r([], false, true, [
        'FIELD_SAME_CARDINALITY',
        'FIELD_WIRE_COMPATIBLE_CARDINALITY',
        'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'
      ]),
      v1: r([], false, true, [
        'FIELD_SAME_CARDINALITY',
        'FIELD_WIRE_COMPATIBLE_CARDINALITY',
        'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'
      ])
    }
  },
  {
    id: 'FIELD_SAME_NAME',
    purpose: 'Checks that fields have the same names in a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
    }
  },
  {
    id: 'FIELD_SAME_ONEOF',
    purpose: 'Checks that fields have the same oneofs in a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'FIELD_SAME_TYPE',
    purpose: 'Checks that fields have the same types in a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_SAME_UTF8_VALIDATION',
    purpose: 'Checks that string fields have the same UTF8 validation mode.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FIELD_WIRE_COMPATIBLE_CARDINALITY',
    purpose: 'Checks that fields have wire-compatible cardinalities in a given message.',
    versions: { v1beta1: r(['WIRE'], false), v1: r(['WIRE'], false), v2: r(['WIRE'], false) }
  },
  {
    id: 'FIELD_WIRE_COMPATIBLE_TYPE',
    purpose: 'Checks that fields have wire-compatible types in a given message.',
    versions: { v1: r(['WIRE'], false), v2: r(['WIRE'], false) }
  },
  {
    id: 'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY',
    purpose: 'Checks that fields have wire and JSON compatible cardinalities in a given message.',
    versions: {
      v1beta1: r(['WIRE_JSON'], false),
      v1: r(['WIRE_JSON'], false),
      v2: r(['CSR', 'WIRE_JSON'], false)
    }
  },
  {
    id: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
    purpose: 'Checks that fields have wire and JSON compatible types in a given message.',
    versions: { v1: r(['WIRE_JSON'], false), v2: r(['CSR', 'WIRE_JSON'], false) }
  },
  {
    id: 'FILE_NO_DELETE',
    purpose: 'Checks that files are not deleted.',
    versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
  },
  {
    id: 'FILE_SAME_CC_ENABLE_ARENAS',
    purpose: 'Checks that files have the same value for the cc_enable_arenas option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_CC_GENERIC_SERVICES',
    purpose: 'Checks that files have the same value for the cc_generic_services option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_CSHARP_NAMESPACE',
    purpose: 'Checks that files have the same value for the csharp_namespace option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_GO_PACKAGE',
    purpose: 'Checks that files have the same value for the go_package option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_JAVA_GENERIC_SERVICES',
    purpose: 'Checks that files have the same value for the java_generic_services option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_JAVA_MULTIPLE_FILES',
    purpose: 'Checks that files have the same value for the java_multiple_files option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_JAVA_OUTER_CLASSNAME',
    purpose: 'Checks that files have the same value for the java_outer_classname option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_JAVA_PACKAGE',
    purpose: 'Checks that files have the same value for the java_package option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_JAVA_STRING_CHECK_UTF8',
    purpose: 'Checks that files have the same value for the java_string_check_utf8 option.',
    versions: {
      v1beta1: r([], false, true, ['FIELD_SAME_JAVA_UTF8_VALIDATION']),
      v1: r([], false, true, ['FIELD_SAME_JAVA_UTF8_VALIDATION'])
    }
  },
  {
    id: 'FILE_SAME_OBJC_CLASS_PREFIX',
    purpose: 'Checks that files have the same value for the objc_class_prefix option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_OPTIMIZE_FOR',
    purpose: 'Checks that files have the same value for the optimize_for option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_PACKAGE',
    purpose: 'Checks that files have the same package.',
    versions: {
      v1beta1: r(['FILE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'FILE_SAME_PHP_CLASS_PREFIX',
    purpose: 'Checks that files have the same value for the php_class_prefix option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_PHP_GENERIC_SERVICES',
    purpose: 'Checks that files have the same value for the php_generic_services option.',
    versions: { v1beta1: r([], false, true), v1: r([], false, true) }
  },
  {
    id: 'FILE_SAME_PHP_METADATA_NAMESPACE',
    purpose: 'Checks that files have the same value for the php_metadata_namespace option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_PHP_NAMESPACE',
    purpose: 'Checks that files have the same value for the php_namespace option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_PY_GENERIC_SERVICES',
    purpose: 'Checks that files have the same value for the py_generic_services option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_RUBY_PACKAGE',
    purpose: 'Checks that files have the same value for the ruby_package option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_SWIFT_PREFIX',
    purpose: 'Checks that files have the same value for the swift_prefix option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'FILE_SAME_SYNTAX',
    purpose: 'Checks that files have the same syntax.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'MESSAGE_NO_DELETE',
    purpose: 'Checks that messages are not deleted from a given file.',
    versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
  },
  {
    id: 'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
    purpose:
      'Checks that messages do not change the no_standard_descriptor_accessor option from false or unset to true.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'MESSAGE_SAME_JSON_FORMAT',
    purpose: 'Checks that messages have the same JSON format support.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
    }
  },
  {
    id: 'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
    purpose: 'Checks that messages have the same value for the message_set_wire_format option.',
    versions: { v1beta1: r([], false, true), v1: r([], false, true), v2: r([], false, true) }
  },
  {
    id: 'MESSAGE_SAME_REQUIRED_FIELDS',
    purpose: 'Checks that messages have no added or deleted required fields.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'ONEOF_NO_DELETE',
    purpose: 'Checks that oneofs are not deleted from a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'PACKAGE_ENUM_NO_DELETE',
    purpose: 'Checks that enums are not deleted from a given package.',
    versions: {
      v1beta1: r(['PACKAGE'], false),
      v1: r(['PACKAGE'], false),
      v2: r(['PACKAGE'], false)
    }
  },
  {
    id: 'PACKAGE_EXTENSION_NO_DELETE',
    purpose: 'Checks that extensions are not deleted from a given package.',
    versions: { v2: r(['PACKAGE'], false) }
  },
  {
    id: 'PACKAGE_MESSAGE_NO_DELETE',
    purpose: 'Checks that messages are not deleted from a given package.',
    versions: {
      v1beta1: r(['PACKAGE'], false),
      v1: r(['PACKAGE'], false),
      v2: r(['PACKAGE'], false)
    }
  },
  {
    id: 'PACKAGE_NO_DELETE',
    purpose: 'Checks that packages are not deleted.',
    versions: {
      v1beta1: r(['PACKAGE'], false),
      v1: r(['PACKAGE'], false),
      v2: r(['PACKAGE'], false)
    }
  },
  {
    id: 'PACKAGE_SERVICE_NO_DELETE',
    purpose: 'Checks that services are not deleted from a given package.',
    versions: {
      v1beta1: r(['PACKAGE'], false),
      v1: r(['PACKAGE'], false),
      v2: r(['PACKAGE'], false)
    }
  },
  {
    id: 'RESERVED_ENUM_NO_DELETE',
    purpose: 'Checks that reserved ranges and names are not deleted from a given enum.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RESERVED_MESSAGE_NO_DELETE',
    purpose: 'Checks that reserved ranges and names are not deleted from a given message.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RPC_NO_DELETE',
    purpose: 'Checks that rpcs are not deleted from a given service.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE'], true),
      v1: r(['FILE', 'PACKAGE'], true),
      v2: r(['FILE', 'PACKAGE'], true)
    }
  },
  {
    id: 'RPC_SAME_CLIENT_STREAMING',
    purpose: 'Checks that rpcs have the same client streaming value.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RPC_SAME_IDEMPOTENCY_LEVEL',
    purpose: 'Checks that rpcs have the same value for the idempotency_level option.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RPC_SAME_REQUEST_TYPE',
    purpose: 'Checks that rpcs are have the same request type.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RPC_SAME_RESPONSE_TYPE',
    purpose: 'Checks that rpcs are have the same response type.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'RPC_SAME_SERVER_STREAMING',
    purpose: 'Checks that rpcs have the same server streaming value.',
    versions: {
      v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
      v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
    }
  },
  {
    id: 'SERVICE_NO_DELETE',
    purpose: 'Checks that services are not deleted from a given file.',
    versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['FILE'], true) }
  }
]
