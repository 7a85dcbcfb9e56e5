export { staticCapacity, jobCapacity, type CapacityReport, type NodeCapacity } from './capacity.ts';
export { computeKpis, goodUnitsOut, oeeOf, type Kpis, type OeeKpi, type RunStats } from './kpis.ts';
export { findBottleneck, activeShare, BOTTLENECK_METHOD, type BottleneckKpi } from './bottleneck.ts';
export { solveFlow, partSurvival, type FlowSolution } from './flow.ts';
export { capacityText, kpiText } from './text.ts';
export { transportKpis, conveyorPartsPerHour, fleetPartsPerHour, fleetTripBoundS, type TransportKpi } from './transport.ts';
