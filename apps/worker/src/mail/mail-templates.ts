/**
 * Every e-mail the platform writes, in one place: French first, English available. A template gives
 * a subject and short paragraphs; `layout` turns them into plain text and simple accessible HTML
 * (lang attribute, one heading, paragraphs, no images, no layout tables, every value escaped).
 * Features add their templates to MAIL_TEMPLATES under a `// worker: <feature>` comment.
 */
export type MailLanguage = 'fr' | 'en';

export interface MailContent {
  subject: string;
  /** Short sentences, one paragraph each. */
  paragraphs: string[];
  /** Closing line, e.g. the site's name. */
  signature: string;
}

export interface RenderedMail {
  template: string;
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
}

type Template<V> = Record<MailLanguage, (vars: V) => MailContent>;

export interface MailTemplateVars {
  // worker: mail
  /** A message a coordinator sends to check that the site's e-mail reaches its recipients. */
  'mail.test': { siteName: string };
}

export type MailTemplateName = keyof MailTemplateVars;

export const MAIL_TEMPLATES: { [N in MailTemplateName]: Template<MailTemplateVars[N]> } = {
  // worker: mail
  'mail.test': {
    fr: ({ siteName }) => ({
      subject: `Message d’essai de ${siteName}`,
      paragraphs: ['Bonjour,', `Ce message vérifie que les e-mails de ${siteName} vous parviennent.`, 'Vous n’avez rien à faire.'],
      signature: siteName,
    }),
    en: ({ siteName }) => ({
      subject: `Test message from ${siteName}`,
      paragraphs: ['Hello,', `This message checks that e-mails from ${siteName} reach you.`, 'There is nothing to do.'],
      signature: siteName,
    }),
  },
};

export function renderMail<N extends MailTemplateName>(template: N, language: MailLanguage, vars: MailTemplateVars[N]): RenderedMail {
  const content = MAIL_TEMPLATES[template][language](vars);
  return { template, language, ...layout(language, content) };
}

const FOOTER: Record<MailLanguage, string> = {
  fr: 'Message envoyé par la plateforme KPA-Cité. Merci de ne pas répondre à cette adresse.',
  en: 'Sent by the KPA-Cité platform. Please do not reply to this address.',
};

export function layout(language: MailLanguage, content: MailContent): { subject: string; text: string; html: string } {
  const subject = content.subject.replace(/[\r\n]+/g, ' ').trim();
  const text = [...content.paragraphs, '', content.signature, '', '--', FOOTER[language]].join('\n') + '\n';
  const html =
    `<!DOCTYPE html>\n<html lang="${language}">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em;">\n` +
    `<h1 style="font-size: 1.25em;">${escapeHtml(subject)}</h1>\n` +
    content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join('') +
    `<p>${escapeHtml(content.signature)}</p>\n` +
    `<hr>\n<p style="font-size: 0.875em; color: #4a4a4a;">${escapeHtml(FOOTER[language])}</p>\n</body>\n</html>\n`;
  return { subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
