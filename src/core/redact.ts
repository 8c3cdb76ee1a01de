/** Query parameters whose value is a credential, whatever the service calls it. */
const secretParameter =
  /^(access_?token|token|private_token|auth|key|api_?key|password|secret|sig|signature|x-amz-signature|x-goog-signature|code)$/i

/** `scheme://user:secret@host` -> `scheme://host`; secret query values -> `***`. */
const urlInText = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]*@)?([^\s'"<>]*)/gi

/**
 * Every URL inside a piece of text (a URL to record, an error message, git's stderr) made safe to
 * record: no userinfo, no credential in the query. Other text is returned as it is; an scp-like
 * `user@host:path` keeps its user (`git@`) since that names no secret.
 */
export function redactText(text: string): string {
  return text.replace(
    urlInText,
    (_match, scheme: string, _userinfo: string | undefined, rest: string) => {
      return `${scheme}${redactQuery(rest)}`
    }
  )
}

function redactQuery(rest: string): string {
  const query = rest.indexOf('?')
  if (query < 0) return rest
  const hash = rest.indexOf('#', query)
  const end = hash < 0 ? rest.length : hash
  const parameters = rest
    .slice(query + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const name = decodeSafely(pair.slice(0, equals))
      return secretParameter.test(name) ? `${pair.slice(0, equals)}=***` : pair
    })
  return `${rest.slice(0, query)}?${parameters.join('&')}${rest.slice(end)}`
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** A nullable recorded value redacted when set. */
export function redactNullable(value: string | null): string | null {
  return value === null ? null : redactText(value)
}
