export { staticCapacity, jobCapacity, type CapacityReport, type NodeCapacity } from './capacity.ts';
export { computeKpis, goodUnitsOut, oeeOf, type Kpis, type OeeKpi, type RunStats } from './kpis.ts';
export { findBottleneck, activeShare, bottleneckReason, BOTTLENECK_METHOD, type BottleneckKpi, type ConstraintShare } from './bottleneck.ts';
export { cellsPerPart, gradedCells, wipInCells } from './cell-equivalents.ts';
export { solveFlow, partSurvival, gradeARoutes, type FlowSolution } from './flow.ts';
export { capacityText, kpiText } from './text.ts';
export { transportKpis, conveyorPartsPerHour, fleetPartsPerHour, fleetTripBoundS, type TransportKpi } from './transport.ts';
