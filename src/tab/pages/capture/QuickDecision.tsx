/** Records a decision on the current item: one of the committee's verbs, then the text. */
import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState, type Ref } from 'react';
import { newId } from '../../app/newId';
import type { Submit } from '../../components/submit';
import { useQuickFormStyles } from './QuickForms.styles';

export interface QuickDecisionProps {
  itemId: string;
  itemNumber: string;
  verbs: readonly string[];
  submit: Submit;
  inputRef?: Ref<HTMLInputElement>;
}

export function QuickDecision({ itemId, itemNumber, verbs, submit, inputRef }: QuickDecisionProps) {
  const styles = useQuickFormStyles();
  const [verb, setVerb] = useState(verbs[0] ?? 'NOTED');
  const [text, setText] = useState('');
  const ready = text.trim() !== '';
  return (
    <form
      className={styles.form}
      aria-label={`Decision on item ${itemNumber}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        void submit('decision.add', { id: `d-${newId()}`, itemId, verb, text: text.trim() });
        setText('');
      }}
    >
      <div className={styles.row}>
        <Field label="Verb" size="small" className={styles.verb}>
          <Select size="small" value={verb} onChange={(_event, data) => setVerb(data.value)}>
            {verbs.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </Select>
        </Field>
        <Field label="Decision" size="small" className={styles.grow}>
          <Input
            ref={inputRef}
            className={styles.fill}
            size="small"
            value={text}
            placeholder="the update."
            onChange={(_event, data) => setText(data.value)}
          />
        </Field>
      </div>
      <Button size="small" type="submit" disabled={!ready} className={styles.submit}>
        Record decision
      </Button>
    </form>
  );
}
