import { Button, Label, ListBox, ListBoxItem, Popover, Select as AriaSelect, SelectValue, Text, type Key } from 'react-aria-components';

export interface SelectOption {
  id: string;
  label: string;
}

interface SelectProps {
  label: string;
  options: readonly SelectOption[];
  value: string | null;
  onChange(value: string): void;
  description?: string;
  /** The label stays for screen readers but is not drawn (a compact header control). */
  hideLabel?: boolean;
  /** Shown while nothing is chosen (react-aria's default is English-only wording). */
  placeholder?: string;
}

/** A labelled single choice in a listbox popover (keyboard, touch and screen readers handled by react-aria). */
export function Select({ label, options, value, onChange, description, hideLabel, placeholder }: SelectProps) {
  return (
    <AriaSelect className="field select" placeholder={placeholder ?? label} value={value} onChange={(key: Key | null) => key !== null && onChange(String(key))}>
      <Label className={hideLabel ? 'visually-hidden' : 'field__label'}>{label}</Label>
      <Button className="select__button">
        <SelectValue />
        <span aria-hidden="true" className="select__chevron">
          ▾
        </span>
      </Button>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <Popover className="select__popover">
        <ListBox className="select__list" items={options}>
          {(option) => (
            <ListBoxItem className="select__option" id={option.id} textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
