import { Redirect } from 'wouter';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { TodayScreen } from '../Today';

/** "Aujourd'hui" is the coordination's board; a member lands on their own home instead. */
export function TodayOrMemberHome() {
  const { site } = useSession();
  return site?.role === 'member' ? <Redirect to={ROUTES.home} replace /> : <TodayScreen />;
}
