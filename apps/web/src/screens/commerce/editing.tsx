import { type ReactNode, useState } from 'react';
import { useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';

/**
 * What the clients, catalogue and expenses screens share to create and edit an item: the form in
 * its section, and which item the form is open on.
 */

interface EditorSectionProps {
  title: string;
  /** Called on submit: checks the fields, then saves if they pass. */
  onSubmit(): void;
  /** The API's message when no field shows it. */
  refusal: string | null;
  isPending: boolean;
  submitLabel: string;
  children: ReactNode;
}

/** A commerce form in its section: its fields, the API's refusal that no field shows, and the button that saves. */
export function EditorSection({ title, onSubmit, refusal, isPending, submitLabel, children }: EditorSectionProps) {
  const t = useT();
  return (
    <Section title={title}>
      <form
        className="commerce-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {refusal ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{refusal}</p>
          </Notice>
        ) : null}
        <div className="actions">
          <Button type="submit" icon="save" isPending={isPending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The item a list screen's form is open on ('new' for a blank one, null when closed), and the name of the last one saved (its notice). */
export function useEditing<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return {
    editing,
    saved,
    open(item: T | 'new') {
      setSaved(null);
      setEditing(item);
    },
    done(name: string) {
      setSaved(name);
      setEditing(null);
    },
  };
}
