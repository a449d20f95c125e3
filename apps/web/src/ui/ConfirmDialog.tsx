import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, type ButtonVariant } from './Button';
import type { IconName } from './Icon';

interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  icon?: IconName;
  title: string;
  /** The sentence that says what will happen, in words (every destructive or final action has one). */
  sentence: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void | Promise<void>;
}

/** A final or destructive action, confirmed in a modal dialog that says what happens. */
export function ConfirmDialog({ triggerLabel, triggerVariant = 'secondary', icon, title, sentence, confirmLabel, cancelLabel, onConfirm }: ConfirmDialogProps) {
  return (
    <DialogTrigger>
      <Button variant={triggerVariant} icon={icon}>
        {triggerLabel}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog__title">
                  {title}
                </Heading>
                <p>{sentence}</p>
                <div className="actions">
                  <Button variant="secondary" onPress={close} autoFocus>
                    {cancelLabel}
                  </Button>
                  <Button
                    variant="danger"
                    onPress={async () => {
                      close();
                      await onConfirm();
                    }}
                  >
                    {confirmLabel}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
