import { optionEntry } from '../features.js'
import { nestedEnums, nestedExtensions, nestedMessages } from '../index-tree.js'
import type { Message, ProtoFile, Span } from '../model.js'
import { finding, type Check, type DiffContext } from './context.js'

/** buf's location for something deleted from a file: the nearest enclosing message still there. */
function enclosingMessage(
  file: ProtoFile,
  nestedName: string,
  messages = nestedMessages(file)
): Message | null {
  const parts = nestedName.split('.')
  for (let i = parts.length - 1; i > 0; i--) {
    const m = messages.get(parts.slice(0, i).join('.'))
    if (m) return m
  }
  return null
}

const qualify = (pkg: string, name: string): string => (pkg ? `${pkg}.${name}` : name)

function deletedFromFile(
  rule: string,
  what: 'message' | 'enum' | 'extension',
  collect: (f: ProtoFile) => Map<string, { span: Span }>
): Check {
  return {
    on: 'file',
    run(head, base, ctx) {
      const before = collect(base)
      const after = collect(head)
      const headMessages = nestedMessages(head)
      for (const [name, element] of before) {
        if (after.has(name)) continue
        const parent = enclosingMessage(head, name, headMessages)
        ctx.emit(
          finding(
            rule,
            `Previously present ${what} "${name}" was deleted from file.`,
            { file: head, span: parent?.span ?? null },
            { file: base, span: element.span },
            qualify(base.package, name)
          )
        )
      }
    }
  }
}

function sameFileOption(rule: string, option: string, value: (f: ProtoFile) => string): Check {
  return {
    on: 'file',
    run(head, base, ctx) {
      const before = value(base)
      const after = value(head)
      if (before === after) return
      ctx.emit(
        finding(
          rule,
          `File option "${option}" changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}.`,
          { file: head, span: optionEntry(head.options, option)?.span ?? null },
          { file: base, span: optionEntry(base.options, option)?.span ?? null },
          head.path
        )
      )
    }
  }
}

const stringOption = (name: string) => (f: ProtoFile) => {
  const o = optionEntry(f.options, name)
  return o ? String(o.value.value) : ''
}

const boolOption = (name: string, byDefault: boolean) => (f: ProtoFile) => {
  const o = optionEntry(f.options, name)
  return String(o && o.value.kind === 'bool' ? o.value.value : byDefault)
}

const fileOption = (rule: string, name: string, value = stringOption(name)): [string, Check] => [
  rule,
  sameFileOption(rule, name, value)
]

function packageDeletions(
  rule: string,
  what: 'message' | 'enum' | 'extension',
  collect: (f: ProtoFile) => Map<string, { span: Span }>
): Check {
  return {
    on: 'tree',
    run(ctx) {
      for (const [pkg, baseFiles] of ctx.base.packages) {
        const headFiles = ctx.head.packages.get(pkg)
        if (!headFiles) continue
        const after = new Set<string>()
        for (const f of headFiles) for (const name of collect(f).keys()) after.add(name)
        for (const baseFile of baseFiles) {
          for (const [name, element] of collect(baseFile)) {
            if (after.has(name)) continue
            const message = `Previously present ${what} "${name}" was deleted from package "${pkg}".`
            const headFile = ctx.head.files.get(baseFile.path) ?? null
            const parent = headFile ? enclosingMessage(headFile, name) : null
            ctx.emit(
              finding(
                rule,
                message,
                { file: headFile, span: parent?.span ?? null },
                { file: baseFile, span: element.span },
                qualify(pkg, name)
              )
            )
          }
        }
      }
    }
  }
}

const syntaxName = (f: ProtoFile): string => f.syntax

export const fileChecks: Record<string, Check> = {
  FILE_NO_DELETE: {
    on: 'tree',
    run(ctx: DiffContext) {
      for (const [path, base] of ctx.base.files) {
        if (ctx.head.files.has(path)) continue
        ctx.emit(
          finding(
            'FILE_NO_DELETE',
            `Previously present file "${path}" was deleted.`,
            { file: null, span: null },
            { file: base, span: null },
            path
          )
        )
      }
    }
  },
  PACKAGE_NO_DELETE: {
    on: 'tree',
    run(ctx) {
      for (const [pkg, files] of ctx.base.packages) {
        if (ctx.head.packages.has(pkg)) continue
        const first = [...files].sort((a, b) => (a.path < b.path ? -1 : 1))[0] ?? null
        ctx.emit(
          finding(
            'PACKAGE_NO_DELETE',
            `Previously present package "${pkg}" was deleted.`,
            { file: null, span: null },
            { file: first, span: null },
            pkg
          )
        )
      }
    }
  },
  MESSAGE_NO_DELETE: deletedFromFile('MESSAGE_NO_DELETE', 'message', nestedMessages),
  ENUM_NO_DELETE: deletedFromFile('ENUM_NO_DELETE', 'enum', nestedEnums),
  EXTENSION_NO_DELETE: deletedFromFile('EXTENSION_NO_DELETE', 'extension', nestedExtensions),
  SERVICE_NO_DELETE: {
    on: 'file',
    run(head, base, ctx) {
      const names = new Set(head.services.map((s) => s.name))
      for (const s of base.services) {
        if (names.has(s.name)) continue
        ctx.emit(
          finding(
            'SERVICE_NO_DELETE',
            `Previously present service "${s.name}" was deleted from file.`,
            { file: head, span: null },
            { file: base, span: s.span },
            s.fullName
          )
        )
      }
    }
  },
  PACKAGE_MESSAGE_NO_DELETE: packageDeletions(
    'PACKAGE_MESSAGE_NO_DELETE',
    'message',
    nestedMessages
  ),
  PACKAGE_ENUM_NO_DELETE: packageDeletions('PACKAGE_ENUM_NO_DELETE', 'enum', nestedEnums),
  PACKAGE_EXTENSION_NO_DELETE: packageDeletions(
    'PACKAGE_EXTENSION_NO_DELETE',
    'extension',
    nestedExtensions
  ),
  PACKAGE_SERVICE_NO_DELETE: {
    on: 'tree',
    run(ctx) {
      for (const [pkg, baseFiles] of ctx.base.packages) {
        const headFiles = ctx.head.packages.get(pkg)
        if (!headFiles) continue
        const after = new Set(headFiles.flatMap((f) => f.services.map((s) => s.name)))
        for (const baseFile of baseFiles) {
          for (const s of baseFile.services) {
            if (after.has(s.name)) continue
            ctx.emit(
              finding(
                'PACKAGE_SERVICE_NO_DELETE',
                `Previously present service "${s.name}" was deleted from package "${pkg}".`,
                { file: ctx.head.files.get(baseFile.path) ?? null, span: null },
                { file: baseFile, span: s.span },
                s.fullName
              )
            )
          }
        }
      }
    }
  },
  FILE_SAME_PACKAGE: {
    on: 'file',
    run(head, base, ctx) {
      if (head.package === base.package) return
      ctx.emit(
        finding(
          'FILE_SAME_PACKAGE',
          `File package changed from "${base.package}" to "${head.package}".`,
          { file: head, span: head.packageSpan },
          { file: base, span: base.packageSpan },
          head.path
        )
      )
    }
  },
  FILE_SAME_SYNTAX: {
    on: 'file',
    run(head, base, ctx) {
      if (syntaxName(head) === syntaxName(base)) return
      ctx.emit(
        finding(
          'FILE_SAME_SYNTAX',
          `File syntax changed from "${syntaxName(base)}" to "${syntaxName(head)}".`,
          { file: head, span: head.syntaxSpan },
          { file: base, span: base.syntaxSpan },
          head.path
        )
      )
    }
  },
  ...Object.fromEntries([
    fileOption('FILE_SAME_GO_PACKAGE', 'go_package'),
    fileOption('FILE_SAME_JAVA_PACKAGE', 'java_package'),
    fileOption('FILE_SAME_JAVA_OUTER_CLASSNAME', 'java_outer_classname'),
    fileOption(
      'FILE_SAME_JAVA_MULTIPLE_FILES',
      'java_multiple_files',
      boolOption('java_multiple_files', false)
    ),
    fileOption(
      'FILE_SAME_JAVA_GENERIC_SERVICES',
      'java_generic_services',
      boolOption('java_generic_services', false)
    ),
    fileOption(
      'FILE_SAME_CC_GENERIC_SERVICES',
      'cc_generic_services',
      boolOption('cc_generic_services', false)
    ),
    fileOption(
      'FILE_SAME_PY_GENERIC_SERVICES',
      'py_generic_services',
      boolOption('py_generic_services', false)
    ),
    fileOption(
      'FILE_SAME_CC_ENABLE_ARENAS',
      'cc_enable_arenas',
      boolOption('cc_enable_arenas', true)
    ),
    fileOption('FILE_SAME_CSHARP_NAMESPACE', 'csharp_namespace'),
    fileOption('FILE_SAME_OBJC_CLASS_PREFIX', 'objc_class_prefix'),
    fileOption('FILE_SAME_PHP_CLASS_PREFIX', 'php_class_prefix'),
    fileOption('FILE_SAME_PHP_NAMESPACE', 'php_namespace'),
    fileOption('FILE_SAME_PHP_METADATA_NAMESPACE', 'php_metadata_namespace'),
    fileOption('FILE_SAME_RUBY_PACKAGE', 'ruby_package'),
    fileOption('FILE_SAME_SWIFT_PREFIX', 'swift_prefix'),
    fileOption(
      'FILE_SAME_OPTIMIZE_FOR',
      'optimize_for',
      (f) => stringOption('optimize_for')(f) || 'SPEED'
    ),
    fileOption(
      'FILE_SAME_JAVA_STRING_CHECK_UTF8',
      'java_string_check_utf8',
      boolOption('java_string_check_utf8', false)
    ),
    fileOption(
      'FILE_SAME_PHP_GENERIC_SERVICES',
      'php_generic_services',
      boolOption('php_generic_services', false)
    )
  ])
}
