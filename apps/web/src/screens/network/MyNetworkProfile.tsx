import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meNetworkProfileControllerGet, meNetworkProfileControllerSet, siteNetworkProfileControllerGet, siteNetworkProfileControllerSet } from '../../api/generated/sdk.gen';
import type { MemberNetworkProfileViewDto, NetworkProfileDto, NetworkSiteDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { CheckboxField, NetworkPage, TextAreaField, useNetworkRole } from './NetworkPage';
import { entriesToLines, linesToEntries, parseCoordinate, wordsOf } from './network-rules';

const LEVELS = ['beginner', 'intermediate', 'expert'] as const;
const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
type Level = (typeof LEVELS)[number];
type Availability = (typeof AVAILABILITIES)[number];

/** A member's own listing in the region's skill pool: their choice, in plain words, and how to withdraw. */
function MemberListing({ siteId, profile }: { siteId: string; profile: MemberNetworkProfileViewDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [visible, setVisible] = useState(profile.visible);
  const [skills, setSkills] = useState(profile.skills.map((skill) => skill.name).join(', '));
  const [level, setLevel] = useState<Level>(profile.skills[0]?.level ?? 'beginner');
  const [availability, setAvailability] = useState<Availability>(profile.availability);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        meNetworkProfileControllerSet({
          query: { siteId },
          body: { visible, availability, skills: wordsOf(skills).map((name) => ({ name, level })), note: null },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(['my-network-profile', siteId], saved),
  });
  const fieldError = save.error instanceof ApiError && save.error.field ? errorText(save.error, language, t) : undefined;
  return (
    <>
      <Section title={t('network.myProfile.whatTitle')}>
        <div className="network-explain">
          <p>{t('network.myProfile.what1')}</p>
          <p>{t('network.myProfile.what2')}</p>
          <p>{t('network.myProfile.what3')}</p>
          <p>{t('network.myProfile.withdraw')}</p>
        </div>
      </Section>
      <Section title={t('network.myProfile.choiceTitle')}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <p className="network-status" role="status">
            {profile.visible ? t('network.myProfile.nowVisible') : t('network.myProfile.nowHidden')}
          </p>
          <CheckboxField isSelected={visible} onChange={setVisible}>
            {t('network.myProfile.consent')}
          </CheckboxField>
          <TextField label={t('network.myProfile.skills')} description={t('network.myProfile.skillsHelp')} value={skills} onChange={setSkills} errorMessage={fieldError} />
          <Select
            label={t('network.myProfile.level')}
            options={LEVELS.map((id) => ({ id, label: t(`network.level.${id}`) }))}
            value={level}
            onChange={(id) => setLevel(id as Level)}
          />
          <Select
            label={t('network.myProfile.availability')}
            options={AVAILABILITIES.map((id) => ({ id, label: t(`network.availability.${id}`) }))}
            value={availability}
            onChange={(id) => setAvailability(id as Availability)}
          />
          {save.isError && !fieldError ? <Notice tone="error">{errorText(save.error, language, t)}</Notice> : null}
          {save.isSuccess ? <Notice tone="success">{save.data.visible ? t('network.myProfile.savedVisible') : t('network.myProfile.savedHidden')}</Notice> : null}
          <div className="actions">
            <Button type="submit" icon="save" isPending={save.isPending}>
              {t('network.myProfile.save')}
            </Button>
          </div>
          {profile.updatedAt ? <p className="hint">{t('network.myProfile.updated', { date: frenchShortDate(profile.updatedAt.slice(0, 10)) })}</p> : null}
        </form>
      </Section>
    </>
  );
}

interface SiteDraft {
  presentation: string;
  poles: string;
  skills: string;
  equipment: string;
  accompaniment: string;
  contactEmail: string;
  latitude: string;
  longitude: string;
  openingHours: string;
  published: boolean;
}

function draftOf(profile: NetworkSiteDto): SiteDraft {
  const offers = (kind: 'skills' | 'equipment' | 'accompaniment') =>
    entriesToLines(profile.offers.filter((offer) => offer.kind === kind).map((offer) => ({ name: offer.label, description: offer.description })));
  return {
    presentation: profile.presentation,
    poles: entriesToLines(profile.poles),
    skills: offers('skills'),
    equipment: offers('equipment'),
    accompaniment: offers('accompaniment'),
    contactEmail: profile.contactEmail ?? '',
    latitude: profile.latitude === null ? '' : String(profile.latitude).replace('.', ','),
    longitude: profile.longitude === null ? '' : String(profile.longitude).replace('.', ','),
    openingHours: profile.openingHours ?? '',
    published: profile.published,
  };
}

function bodyOf(draft: SiteDraft): NetworkProfileDto {
  const offers = (kind: 'skills' | 'equipment' | 'accompaniment', text: string) =>
    linesToEntries(text).map((entry) => ({ kind, label: entry.name, description: entry.description }));
  return {
    presentation: draft.presentation.trim(),
    poles: linesToEntries(draft.poles),
    offers: [...offers('skills', draft.skills), ...offers('equipment', draft.equipment), ...offers('accompaniment', draft.accompaniment)],
    contactEmail: draft.contactEmail.trim() || null,
    latitude: parseCoordinate(draft.latitude, 90),
    longitude: parseCoordinate(draft.longitude, 180),
    openingHours: draft.openingHours.trim() || null,
    published: draft.published,
  };
}

/** The site's network profile, written by its coordinators; read by the region once published. */
function SiteProfileForm({ siteId, profile, mayAct }: { siteId: string; profile: NetworkSiteDto; mayAct: boolean }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(profile));
  const set = (change: Partial<SiteDraft>) => setDraft({ ...draft, ...change });
  const save = useMutation({
    mutationFn: () => unwrap(siteNetworkProfileControllerSet({ path: { siteId }, body: bodyOf(draft) })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['site-network-profile', siteId], saved);
      void queryClient.invalidateQueries({ queryKey: ['network-sites'] });
    },
  });
  const field = save.error instanceof ApiError ? save.error.field : null;
  const message = save.isError ? errorText(save.error, language, t) : undefined;
  const errorOf = (name: string) => (field === name ? message : undefined);
  const coordinateProblem =
    (draft.latitude.trim() !== '' && parseCoordinate(draft.latitude, 90) === null) || (draft.longitude.trim() !== '' && parseCoordinate(draft.longitude, 180) === null);
  if (!mayAct) {
    return <p>{profile.published ? t('network.siteProfile.readPublished') : t('network.siteProfile.readUnpublished')}</p>;
  }
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!coordinateProblem) save.mutate();
      }}
    >
      <p className="network-status">{profile.published ? t('network.siteProfile.isPublished') : t('network.siteProfile.isUnpublished')}</p>
      <TextAreaField
        label={t('network.siteProfile.presentation')}
        value={draft.presentation}
        onChange={(presentation) => set({ presentation })}
        errorMessage={errorOf('presentation')}
      />
      <TextAreaField
        label={t('network.siteProfile.poles')}
        description={t('network.siteProfile.linesHelp')}
        value={draft.poles}
        onChange={(poles) => set({ poles })}
        errorMessage={errorOf('poles')}
      />
      <TextAreaField
        label={t('network.siteProfile.offerSkills')}
        description={t('network.siteProfile.linesHelp')}
        value={draft.skills}
        onChange={(skills) => set({ skills })}
        rows={3}
      />
      <TextAreaField
        label={t('network.siteProfile.offerEquipment')}
        description={t('network.siteProfile.linesHelp')}
        value={draft.equipment}
        onChange={(equipment) => set({ equipment })}
        rows={3}
      />
      <TextAreaField
        label={t('network.siteProfile.offerAccompaniment')}
        description={t('network.siteProfile.linesHelp')}
        value={draft.accompaniment}
        onChange={(accompaniment) => set({ accompaniment })}
        rows={3}
        errorMessage={errorOf('offers')}
      />
      <TextField
        label={t('network.siteProfile.email')}
        type="email"
        value={draft.contactEmail}
        onChange={(contactEmail) => set({ contactEmail })}
        errorMessage={errorOf('contactEmail')}
      />
      <TextField
        label={t('network.siteProfile.openingHours')}
        value={draft.openingHours}
        onChange={(openingHours) => set({ openingHours })}
        errorMessage={errorOf('openingHours')}
      />
      <div className="network-pair">
        <TextField
          label={t('network.siteProfile.latitude')}
          description={t('network.siteProfile.coordinatesHelp')}
          value={draft.latitude}
          onChange={(latitude) => set({ latitude })}
          errorMessage={coordinateProblem ? t('network.siteProfile.coordinatesProblem') : errorOf('latitude')}
        />
        <TextField label={t('network.siteProfile.longitude')} value={draft.longitude} onChange={(longitude) => set({ longitude })} errorMessage={errorOf('longitude')} />
      </div>
      <CheckboxField isSelected={draft.published} onChange={(published) => set({ published })}>
        {t('network.siteProfile.publish')}
      </CheckboxField>
      {save.isError && !field ? <Notice tone="error">{message}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{save.data.published ? t('network.siteProfile.savedPublished') : t('network.siteProfile.saved')}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon="save" isPending={save.isPending}>
          {t('network.siteProfile.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * `/reseau/mon-profil`: for a member, their own listing in the skill pool and their consent; for
 * the coordination, the site's network profile (and what a member's listing means).
 */
export function MyNetworkProfileScreen() {
  const t = useT();
  const { siteId, siteName, mayAct, isMember } = useNetworkRole();
  const mine = useQuery({
    queryKey: ['my-network-profile', siteId],
    queryFn: () => unwrap(meNetworkProfileControllerGet({ query: { siteId } })),
    enabled: isMember,
  });
  const siteProfile = useQuery({
    queryKey: ['site-network-profile', siteId],
    queryFn: () => unwrap(siteNetworkProfileControllerGet({ path: { siteId } })),
    enabled: !isMember,
  });
  return (
    <NetworkPage title={isMember ? t('network.myProfile.title') : t('network.siteProfile.title', { site: siteName })} memberToo>
      {isMember ? (
        <QueryState query={mine}>{(profile) => <MemberListing key={siteId} siteId={siteId} profile={profile} />}</QueryState>
      ) : (
        <>
          <p>{t('network.siteProfile.intro')}</p>
          <QueryState query={siteProfile}>{(profile) => <SiteProfileForm siteId={siteId} profile={profile} mayAct={mayAct} />}</QueryState>
          <Section title={t('network.siteProfile.peopleTitle')}>
            <p>{t('network.siteProfile.people')}</p>
          </Section>
        </>
      )}
    </NetworkPage>
  );
}
