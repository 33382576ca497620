// These tests run whole notebooks in child processes; in parallel on 2 cores they would only slow each other past
// their time limits. One at a time keeps the limits meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
