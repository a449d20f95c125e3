/**
 * The code of the screen a log-in leads to ("Aujourd'hui", or a member's home), kept out of the
 * first screen's script so the log-in page draws sooner. The log-in page fetches it once drawn,
 * while the person types; a returning visitor fetches it at once (see app.tsx).
 */
export const loadHomeScreen = () => import('./member/RoleHome');
