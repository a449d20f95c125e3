import { useSession } from '../../session';
import { MissionsScreen } from '../member/Missions';
import { MissionBoardScreen } from './MissionBoard';

/** `/missions`: a member sees the missions to join; the coordination (and the accountant) the board by step. */
export function MissionsByRole() {
  const { site } = useSession();
  return site?.role === 'member' ? <MissionsScreen /> : <MissionBoardScreen />;
}
