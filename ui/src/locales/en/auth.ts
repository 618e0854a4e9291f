import type zh from '../zh-CN/auth'
import type { authErrors as zhErrors } from '../zh-CN/auth'

const auth: typeof zh = {
  auth: {
    title: 'Sign in',
    subtitle: 'Junheng · County Public Service Capacity Planning',
    user: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    failed: 'Sign-in failed.',
    note: 'Accounts, their roles (viewer, planner, admin) and the counties, prefectures or provinces they cover are set up by the server administrator.',
  },
}

export const authErrors: typeof zhErrors = {
  auth_required: 'Please sign in.',
  auth_bad_credentials: 'Wrong user name or password.',
  auth_locked: 'Too many failed sign-ins; the account is locked until {until}.',
  auth_forbidden: 'Your role ({role}) may not run {cmd}.',
  auth_out_of_scope: 'County {county} is outside your scope.',
  auth_csrf: 'The page is out of date (missing or wrong security token); reload and try again.',
  api_not_served: 'This command is available in the desktop app only.',
  api_too_large: 'The request is too large: {cmd} takes at most {limit_bytes} bytes.',
  api_server_busy: 'The server has too many connections; try again shortly.',
}

export default auth
