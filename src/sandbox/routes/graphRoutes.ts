/**
 * Every Graph operation the sandbox serves, most specific pattern first (the router takes the
 * first match). `$batch` is added by createGraphSandbox, which owns the fault-aware item runner.
 */
import type { RouteDef } from '../core/types';
import { calendarRoutes } from './calendarRoutes';
import { chatRoutes } from './chatRoutes';
import { directoryRoutes } from './directoryRoutes';
import { driveRoutes } from './driveRoutes';
import { listRoutes } from './listRoutes';
import { mailRoutes } from './mailRoutes';
import { meetingRoutes } from './meetingRoutes';
import { plannerRoutes } from './plannerRoutes';
import { todoRoutes } from './todoRoutes';

export function graphRoutes(): RouteDef[] {
  return [
    ...meetingRoutes(),
    ...chatRoutes(),
    ...calendarRoutes(),
    ...mailRoutes(),
    ...driveRoutes(),
    ...listRoutes(),
    ...plannerRoutes(),
    ...todoRoutes(),
    ...directoryRoutes(),
  ];
}
