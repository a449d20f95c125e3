import type { ReactNode } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
import { Link as RouterLink } from 'wouter';
import { Icon, type IconName } from './Icon';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends Omit<AriaButtonProps, 'children' | 'className'> {
  variant?: ButtonVariant;
  /** A pictogram shown next to the label in easy-reading mode (decorative: the label says it all). */
  icon?: IconName;
  children: ReactNode;
}

/** Pictogram of an action, visible only in easy-reading mode (see ui.css). */
export function Pictogram({ icon }: { icon?: IconName }) {
  return icon ? (
    <span className="pictogram">
      <Icon name={icon} />
    </span>
  ) : null;
}

/** A button at least 44 px high with a visible focus ring; `isPending` keeps it focusable but inert. */
export function Button({ variant = 'primary', icon, children, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} className={`button button--${variant}`}>
      <Pictogram icon={icon} />
      <span>{children}</span>
    </AriaButton>
  );
}

/** A link that looks like a button (to go to the thing to do). */
export function ButtonLink({ href, variant = 'secondary', icon, children }: { href: string; variant?: ButtonVariant; icon?: IconName; children: ReactNode }) {
  return (
    <RouterLink href={href} className={`button button--${variant}`}>
      <Pictogram icon={icon} />
      <span>{children}</span>
    </RouterLink>
  );
}
