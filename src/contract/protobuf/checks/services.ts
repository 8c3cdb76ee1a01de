import { optionEntry } from '../features.js'
import type { Method } from '../model.js'
import { finding, type Check } from './context.js'

const operationOf = (m: Method): string => `${m.service.fullName}/${m.name}`

function streaming(rule: string, side: 'client' | 'server'): Check {
  return {
    on: 'method',
    run(head, base, ctx) {
      const before = side === 'client' ? base.clientStreaming : base.serverStreaming
      const after = side === 'client' ? head.clientStreaming : head.serverStreaming
      if (before === after) return
      const word = (s: boolean) => (s ? 'streaming' : 'unary')
      ctx.emit(
        finding(
          rule,
          `RPC "${head.name}" on service "${head.service.name}" changed from ${side} ${word(before)} to ${side} ${word(after)}.`,
          { file: head.service.file, span: head.span },
          { file: base.service.file, span: base.span },
          `${head.service.fullName}.${head.name}`,
          operationOf(head)
        )
      )
    }
  }
}

function sameType(rule: string, side: 'request' | 'response'): Check {
  return {
    on: 'method',
    run(head, base, ctx) {
      const before = side === 'request' ? base.inputType : base.outputType
      const after = side === 'request' ? head.inputType : head.outputType
      if (before === after) return
      ctx.emit(
        finding(
          rule,
          `RPC "${head.name}" on service "${head.service.name}" changed ${side} type from "${before.slice(1)}" to "${after.slice(1)}".`,
          { file: head.service.file, span: side === 'request' ? head.inputSpan : head.outputSpan },
          { file: base.service.file, span: side === 'request' ? base.inputSpan : base.outputSpan },
          `${head.service.fullName}.${head.name}`,
          operationOf(head)
        )
      )
    }
  }
}

const idempotency = (m: Method): string => {
  const o = optionEntry(m.options, 'idempotency_level')
  return o ? String(o.value.value) : 'IDEMPOTENCY_UNKNOWN'
}

export const serviceChecks: Record<string, Check> = {
  RPC_NO_DELETE: {
    on: 'service',
    run(head, base, ctx) {
      const names = new Set(head.methods.map((m) => m.name))
      for (const m of base.methods) {
        if (names.has(m.name)) continue
        ctx.emit(
          finding(
            'RPC_NO_DELETE',
            `Previously present RPC "${m.name}" on service "${head.name}" was deleted.`,
            { file: head.file, span: head.span },
            { file: base.file, span: m.span },
            `${base.fullName}.${m.name}`,
            operationOf(m)
          )
        )
      }
    }
  },
  RPC_SAME_CLIENT_STREAMING: streaming('RPC_SAME_CLIENT_STREAMING', 'client'),
  RPC_SAME_SERVER_STREAMING: streaming('RPC_SAME_SERVER_STREAMING', 'server'),
  RPC_SAME_REQUEST_TYPE: sameType('RPC_SAME_REQUEST_TYPE', 'request'),
  RPC_SAME_RESPONSE_TYPE: sameType('RPC_SAME_RESPONSE_TYPE', 'response'),
  RPC_SAME_IDEMPOTENCY_LEVEL: {
    on: 'method',
    run(head, base, ctx) {
      const before = idempotency(base)
      const after = idempotency(head)
      if (before === after) return
      ctx.emit(
        finding(
          'RPC_SAME_IDEMPOTENCY_LEVEL',
          `RPC "${head.name}" on service "${head.service.name}" changed option "idempotency_level" from "${before}" to "${after}".`,
          {
            file: head.service.file,
            span: optionEntry(head.options, 'idempotency_level')?.span ?? null
          },
          {
            file: base.service.file,
            span: optionEntry(base.options, 'idempotency_level')?.span ?? null
          },
          `${head.service.fullName}.${head.name}`,
          operationOf(head)
        )
      )
    }
  }
}
