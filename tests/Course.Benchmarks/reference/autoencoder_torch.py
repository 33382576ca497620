"""PyTorch's side of AutoencoderEpochWorkload.cs: the same autoencoder, one epoch, the same thread count.

Needs PyTorch: apt-get install python3-torch.
"""
import torch
from torch import nn


def setup(arrays, params):
    torch.set_num_threads(int(params["threads"]))
    x = torch.tensor(arrays["X"], dtype=torch.float32)
    batch, lr = int(params["batch"]), float(params["lr"])

    def run():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32),
                              nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        order = torch.randperm(x.shape[0])
        total, batches = 0.0, 0
        for start in range(0, x.shape[0], batch):
            xb = x[order[start:start + batch]]
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(xb), xb)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        return total / batches

    return run


def metrics(epoch_loss):
    return {"epoch_loss": float(epoch_loss)}
