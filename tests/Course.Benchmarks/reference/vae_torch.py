"""PyTorch's side of VaeEpochWorkload.cs: the same VAE, one epoch, the same thread count.

The model is PyTorch's own VAE example (784-400-(20, 20), 20-400-784) with a Bernoulli decoder; the loss per batch is
the binary cross entropy summed over pixels plus the closed-form KL, both averaged over the batch.
Needs PyTorch: apt-get install python3-torch.
"""
import torch
from torch import nn
from torch.nn import functional as F


class Vae(nn.Module):
    def __init__(self, hidden, latent):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(784, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, latent)
        self.log_variance = nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    def loss(self, x):
        h = self.body(x)
        mu, log_var = self.mean(h), self.log_variance(h)
        z = mu + (0.5 * log_var).exp() * torch.randn_like(mu)
        recon = F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="none").sum(1).mean()
        kl = 0.5 * (mu.square() + log_var.exp() - 1 - log_var).sum(1).mean()
        return recon + kl


def setup(arrays, params):
    torch.set_num_threads(int(params["threads"]))
    x = torch.tensor(arrays["X"], dtype=torch.float32)
    batch, lr = int(params["batch"]), float(params["lr"])
    hidden, latent = int(params["hidden"]), int(params["latent"])

    def run():
        torch.manual_seed(0)
        model = Vae(hidden, latent)
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        order = torch.randperm(x.shape[0])
        total, batches = 0.0, 0
        for start in range(0, x.shape[0], batch):
            xb = x[order[start:start + batch]]
            optimizer.zero_grad()
            loss = model.loss(xb)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        return total / batches

    return run


def metrics(epoch_loss):
    return {"epoch_loss": float(epoch_loss)}
