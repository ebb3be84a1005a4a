// Each test class starts its own cluster of real processes; running them one at a time keeps a 2-core CI machine
// from turning CPU starvation into election timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
