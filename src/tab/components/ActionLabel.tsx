/** An action's number ("OPSG 41/07"), or "pending" until the server has acknowledged it. */
import { Badge } from '@fluentui/react-components';

export interface ActionLabelProps {
  actionId: string;
  pending: boolean;
  size?: 'medium' | 'extra-large';
}

export function ActionLabel({ actionId, pending, size = 'medium' }: ActionLabelProps) {
  return pending ? (
    <Badge
      appearance="outline"
      color="informative"
      size={size}
      title="Not yet acknowledged by the server"
    >
      pending
    </Badge>
  ) : (
    <Badge appearance="tint" color="brand" size={size}>
      {actionId}
    </Badge>
  );
}
