import { InputError } from '../../../src/core/errors.js'
import { parseProto } from '../../../src/contract/protobuf/parser.js'

const nested = (depth: number): string =>
  `syntax = "proto3";\npackage deep;\n${'message M { '.repeat(depth)}${'} '.repeat(depth)}\n`

describe('deeply nested messages', () => {
  it('reads nesting as deep as real schemas go', () => {
    const file = parseProto(nested(100), '/x/deep.proto', 'deep.proto')
    expect(file.messages).toHaveLength(1)
  })

  it('refuses 100,000 levels with an input error naming file:line, not a stack overflow', () => {
    let error: unknown
    try {
      parseProto(nested(100_000), '/x/deep.proto', 'deep.proto')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(/deep\.proto:3:\d+: .*nested more than 100 deep/)
  })
})
