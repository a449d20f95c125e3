import { escapeHtml, layout, MAIL_TEMPLATES, renderMail } from './mail-templates';

describe('mail templates', () => {
  it('renders a French message as plain text and accessible HTML', () => {
    const mail = renderMail('mail.test', 'fr', { siteName: 'KPA Roubaix' });
    expect(mail.subject).toBe('Message d’essai de KPA Roubaix');
    expect(mail.text).toContain('Ce message vérifie que les e-mails de KPA Roubaix vous parviennent.');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<h1 style="font-size: 1.25em;">Message d’essai de KPA Roubaix</h1>');
    expect(mail.html).not.toMatch(/<img|<table/);
  });

  it('has an English version of every template, marked as English', () => {
    for (const name of Object.keys(MAIL_TEMPLATES) as (keyof typeof MAIL_TEMPLATES)[]) {
      const mail = renderMail(name, 'en', { siteName: 'KPA Roubaix' });
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.text).toContain('Please do not reply');
    }
  });

  it('escapes every value in the HTML and keeps the subject on one line', () => {
    const mail = layout('fr', { subject: 'A\r\nBcc: x@y.z', paragraphs: ['<script>alert(1)</script> & "q"'], signature: "L'équipe" });
    expect(mail.subject).toBe('A Bcc: x@y.z');
    expect(mail.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>');
    expect(mail.html).toContain('<p>L&#39;équipe</p>');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });
});
