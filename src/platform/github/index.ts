export {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubLog
} from './client.js'
export { actionsBotLogin, resolveAuthenticatedLogin } from './author.js'
export { defaultTruncationNote, fitBody, maxBodyLength } from './body-limit.js'
export { gitHubMessageOf, httpStatusOf, isForbidden, isRateLimit, toGitHubError } from './errors.js'
export {
  createOrUpdatePull,
  findOpenPullByHead,
  type FindPullOptions,
  type PullRequestResult,
  type PullRequestSpec,
  type PullSummary
} from './pulls.js'
export { getLatestRelease, type ReleaseSummary } from './releases.js'
export {
  stickyMarker,
  upsertStickyComment,
  type StickyCommentOptions,
  type StickyCommentResult
} from './sticky-comment.js'
