import type zh from '../zh-CN/auth'

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


export default auth
